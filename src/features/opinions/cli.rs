//! `concerto opinion-map`: the opinion map of a conversation exported in Polis's open-data
//! format, without the web application. Reads `votes.csv` (timestamp, datetime, comment-id,
//! voter-id, vote: 1 agree, -1 disagree, 0 pass; columns found by name, others ignored) and
//! optionally `comments.csv` (comment-id, moderated: -1 moderated out, comment-body), and
//! writes `participants.csv` (participant, group, x, y), `groups.json` (members and
//! representative statements with their statistics) and `consensus.json`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use opinion::{OpinionMap, Side, StatementStat, Vote, VoteMatrix};
use serde::Serialize;

/// What to map and where to write it.
#[derive(clap::Args, Debug, Clone)]
pub struct OpinionMapOptions {
    /// Polis's votes.csv.
    #[arg(long)]
    pub votes: PathBuf,
    /// Polis's comments.csv: statement texts, and those moderated out.
    #[arg(long)]
    pub comments: Option<PathBuf>,
    /// The folder where participants.csv, groups.json and consensus.json are written.
    #[arg(long, default_value = "carte-des-opinions")]
    pub out: PathBuf,
    /// Seed of the starting vectors: the same seed gives the same map.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Votes read from a file, and the lines refused with why.
#[derive(Debug, Default)]
pub struct ReadVotes {
    /// The votes kept.
    pub votes: Vec<Vote>,
    /// `(line, reason)` of every row refused.
    pub refused: Vec<(usize, String)>,
}

/// The statements of a conversation: their texts and which were moderated out.
#[derive(Debug, Default)]
pub struct Statements {
    /// Every statement id.
    pub ids: Vec<i64>,
    /// Texts by id.
    pub texts: HashMap<i64, String>,
    /// Ids moderated out.
    pub moderated_out: Vec<i64>,
}

/// A CSV reader over bytes that must be UTF-8, with the header's column positions.
fn reader<'a>(bytes: &'a [u8], what: &str) -> anyhow::Result<(csv::Reader<&'a [u8]>, Vec<String>)> {
    std::str::from_utf8(bytes).map_err(|_| {
        anyhow::anyhow!("{what} n'est pas en UTF-8 : enregistrez-le en « CSV UTF-8 »")
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header = reader
        .headers()
        .with_context(|| format!("{what} : en-tête illisible"))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    Ok((reader, header))
}

/// The position of each named column; a missing one is an error that names it.
fn columns<const N: usize>(
    header: &[String],
    names: [&str; N],
    what: &str,
) -> anyhow::Result<[usize; N]> {
    let mut found = [0; N];
    for (slot, name) in found.iter_mut().zip(names) {
        *slot = header.iter().position(|h| h == name).with_context(|| {
            format!(
                "{what} : colonne « {name} » absente (colonnes : {})",
                header.join(", ")
            )
        })?;
    }
    Ok(found)
}

/// Reads Polis's votes.csv. A row that cannot be read is refused alone, and said.
pub fn read_votes(bytes: &[u8]) -> anyhow::Result<ReadVotes> {
    let (mut reader, header) = reader(bytes, "votes.csv")?;
    let [at, statement, participant, vote] = columns(
        &header,
        ["timestamp", "comment-id", "voter-id", "vote"],
        "votes.csv",
    )?;
    let mut read = ReadVotes::default();
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        let parsed = record.map_err(|e| e.to_string()).and_then(|r| {
            let field = |i: usize, name: &str| -> Result<i64, String> {
                r.get(i)
                    .and_then(|v| v.trim().parse::<i64>().ok())
                    .ok_or_else(|| format!("« {name} » n'est pas un nombre entier"))
            };
            let value = field(vote, "vote")?;
            if !(-1..=1).contains(&value) {
                return Err(format!("vote {value} : attendu 1, -1 ou 0"));
            }
            Ok(Vote {
                participant: field(participant, "voter-id")?,
                statement: field(statement, "comment-id")?,
                value: value as i8,
                at: field(at, "timestamp")?,
            })
        });
        match parsed {
            Ok(v) => read.votes.push(v),
            Err(reason) => read.refused.push((line, reason)),
        }
    }
    Ok(read)
}

/// Reads Polis's comments.csv (comment-id, moderated, comment-body).
pub fn read_statements(bytes: &[u8]) -> anyhow::Result<Statements> {
    let (mut reader, header) = reader(bytes, "comments.csv")?;
    let [id, moderated] = columns(&header, ["comment-id", "moderated"], "comments.csv")?;
    let body = header.iter().position(|h| h == "comment-body");
    let mut statements = Statements::default();
    for record in reader.records() {
        let Ok(record) = record else { continue };
        let Some(statement) = record.get(id).and_then(|v| v.trim().parse::<i64>().ok()) else {
            continue;
        };
        statements.ids.push(statement);
        if record.get(moderated).map(str::trim) == Some("-1") {
            statements.moderated_out.push(statement);
        }
        if let Some(text) = body.and_then(|b| record.get(b)) {
            statements.texts.insert(statement, text.to_owned());
        }
    }
    Ok(statements)
}

/// The opinion map of votes: their matrix analysed.
pub fn map(votes: &[Vote], statements: &Statements, seed: u64) -> OpinionMap {
    let matrix = VoteMatrix::new(votes, &statements.ids, &statements.moderated_out);
    opinion::analyze(&matrix, seed)
}

#[derive(Serialize)]
struct StatementOut<'a> {
    statement: i64,
    text: Option<&'a str>,
    side: &'static str,
    votes_on_side: u32,
    votes: u32,
    share: f64,
    share_z: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    ratio: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ratio_z: Option<f64>,
}

fn statement_out<'a>(
    map: &OpinionMap,
    statements: &'a Statements,
    stat: &StatementStat,
    with_ratio: bool,
) -> StatementOut<'a> {
    let id = map.statements[stat.column];
    StatementOut {
        statement: id,
        text: statements.texts.get(&id).map(String::as_str),
        side: match stat.side {
            Side::Agree => "agree",
            Side::Disagree => "disagree",
        },
        votes_on_side: stat.successes,
        votes: stat.trials,
        share: stat.share,
        share_z: stat.share_z,
        ratio: with_ratio.then_some(stat.ratio),
        ratio_z: with_ratio.then_some(stat.ratio_z),
    }
}

#[derive(Serialize)]
struct GroupOut<'a> {
    group: usize,
    members: &'a [i64],
    center: [f64; 2],
    representative: Vec<StatementOut<'a>>,
}

/// Writes participants.csv, groups.json and consensus.json into `out`.
pub fn write(out: &Path, map: &OpinionMap, statements: &Statements) -> anyhow::Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mut csv = csv::Writer::from_path(out.join("participants.csv"))?;
    csv.write_record(["participant", "group", "x", "y"])?;
    for place in &map.places {
        csv.write_record([
            place.participant.to_string(),
            place.group.map(|g| g.to_string()).unwrap_or_default(),
            format!("{:.6}", place.x),
            format!("{:.6}", place.y),
        ])?;
    }
    csv.flush()?;
    let groups: Vec<GroupOut> = map
        .groups
        .iter()
        .enumerate()
        .map(|(g, group)| GroupOut {
            group: g,
            members: &group.members,
            center: group.center,
            representative: group
                .representative
                .iter()
                .map(|s| statement_out(map, statements, s, true))
                .collect(),
        })
        .collect();
    std::fs::write(out.join("groups.json"), serde_json::to_vec_pretty(&groups)?)?;
    let side = |stats: &[StatementStat]| -> Vec<StatementOut> {
        stats
            .iter()
            .map(|s| statement_out(map, statements, s, false))
            .collect()
    };
    let group_aware: Vec<(i64, f64)> = map
        .statements
        .iter()
        .copied()
        .zip(map.group_consensus.iter().copied())
        .collect();
    let consensus = serde_json::json!({
        "agree": side(&map.consensus[0]),
        "disagree": side(&map.consensus[1]),
        "group_aware": group_aware,
    });
    std::fs::write(
        out.join("consensus.json"),
        serde_json::to_vec_pretty(&consensus)?,
    )?;
    Ok(())
}

/// Runs `concerto opinion-map`.
pub fn run(options: &OpinionMapOptions) -> anyhow::Result<()> {
    let bytes = std::fs::read(&options.votes)
        .with_context(|| format!("lecture de {}", options.votes.display()))?;
    let read = read_votes(&bytes)?;
    let statements = match &options.comments {
        Some(path) => read_statements(
            &std::fs::read(path).with_context(|| format!("lecture de {}", path.display()))?,
        )?,
        None => Statements::default(),
    };
    if read.votes.is_empty() {
        bail!("aucun vote lisible dans {}", options.votes.display());
    }
    let started = Instant::now();
    let map = map(&read.votes, &statements, options.seed);
    let seconds = started.elapsed().as_secs_f64();
    write(&options.out, &map, &statements)?;
    let clustered = map.places.iter().filter(|p| p.group.is_some()).count();
    println!(
        "{} votes gardés, {} refusés ; {} participants ({} dans les groupes), {} propositions ; {} groupes ; calculé en {:.3} s",
        read.votes.len(),
        read.refused.len(),
        map.places.len(),
        clustered,
        map.statements.len(),
        map.groups.len(),
        seconds
    );
    for (line, reason) in read.refused.iter().take(20) {
        println!("  ligne {line} : {reason}");
    }
    println!("Écrit dans {}", options.out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_are_read_by_column_name_and_bad_rows_refused_alone() {
        let file = "vote,extra,voter-id,comment-id,timestamp\n1,x,7,2,100\n5,x,7,3,101\n-1,x,8,2,102\nabc,x,9,2,103\n";
        let read = read_votes(file.as_bytes()).unwrap();
        assert_eq!(read.votes.len(), 2);
        assert_eq!(
            read.votes[1],
            Vote {
                participant: 8,
                statement: 2,
                value: -1,
                at: 102
            }
        );
        assert_eq!(read.refused.len(), 2);
        assert_eq!(read.refused[0].0, 3);
        assert!(read.refused[0].1.contains("attendu 1, -1 ou 0"));
        let missing = read_votes(b"timestamp,voter-id,vote\n1,2,1\n").unwrap_err();
        assert!(
            missing.to_string().contains("« comment-id » absente"),
            "{missing}"
        );
        assert!(
            read_votes(b"\xff\xfe")
                .unwrap_err()
                .to_string()
                .contains("UTF-8")
        );
    }

    #[test]
    fn moderated_statements_are_read() {
        let file = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,d,4,1,0,0,-1,\"Hors sujet\"\n1,d,5,1,0,0,1,\"Plus de bus\"\n";
        let statements = read_statements(file.as_bytes()).unwrap();
        assert_eq!(statements.ids, vec![4, 5]);
        assert_eq!(statements.moderated_out, vec![4]);
        assert_eq!(statements.texts[&5], "Plus de bus");
    }
}
