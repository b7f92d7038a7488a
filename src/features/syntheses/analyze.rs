//! `concerto analyze`: clusters any CSV of texts without the web application. Reads the file
//! (UTF-8, `,` `;` or tab separated, found from the header), clusters the texts, writes
//! `clusters.csv` (each row's cluster) and `clusters.json` (each cluster's label, size and
//! representative texts, and the groups of near-duplicates), and, when a label column is
//! given, prints how well clusters agree with the labels (NMI, ARI) and how often the theme
//! suggestion finds the label when trained on 10 % of the rows.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use serde::Serialize;
use textkit::metrics::{ari, nmi};
use textkit::rng::Rng;
use textkit::{ClusterOptions, Corpus, CorpusOptions, Suggester, ThemeText};

/// What to analyse and where to write it.
#[derive(clap::Args, Debug, Clone)]
pub struct AnalyzeOptions {
    /// The CSV file (UTF-8; separated by commas, semicolons or tabs).
    #[arg(long)]
    pub csv: PathBuf,
    /// The column holding the texts.
    #[arg(long)]
    pub text_column: String,
    /// A column holding a known label per text, to measure the clusters and the suggestion.
    #[arg(long)]
    pub label_column: Option<String>,
    /// The number of clusters; when omitted, the fewest between 2 and 20 within 10 % of the
    /// best silhouette.
    #[arg(long)]
    pub k: Option<usize>,
    /// The folder where clusters.csv and clusters.json are written.
    #[arg(long, default_value = "analyse")]
    pub out: PathBuf,
    /// Seed of the random choices: the same seed gives the same clusters.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// The suggestion also reads pairs of neighbouring words: on the Grand Débat answers,
    /// about one point more accurate in 1.7 times the time.
    #[arg(long)]
    pub word_pairs: bool,
}

/// The texts of a CSV file and, when asked, their labels.
#[derive(Debug)]
pub struct Table {
    /// The line of each kept row in the file (the header is line 1).
    pub lines: Vec<usize>,
    /// The texts, row by row.
    pub texts: Vec<String>,
    /// The labels, row by row, when a label column was named.
    pub labels: Option<Vec<String>>,
    /// Rows that could not be read: line and reason.
    pub refused: Vec<(usize, String)>,
}

/// Reads the named columns of a CSV file given as bytes. A wrong encoding or a missing
/// column stops with a message saying what is wrong; a row too short for the columns is
/// refused alone, and said.
pub fn read_table(
    bytes: &[u8],
    text_column: &str,
    label_column: Option<&str>,
) -> anyhow::Result<Table> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        anyhow::anyhow!(
            "le fichier n'est pas en UTF-8 (ligne {}, octet {}) : enregistrez-le en « CSV UTF-8 »",
            good.iter().filter(|&&b| b == b'\n').count() + 1,
            e.valid_up_to() + 1
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header = text.lines().next().unwrap_or("");
    let delimiter = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .expect("three candidates");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .context("lecture de l'en-tête")?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let find = |name: &str| {
        headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name.trim()))
            .with_context(|| {
                format!(
                    "la colonne « {name} » est absente ; colonnes trouvées : {}",
                    headers.join(", ")
                )
            })
    };
    let text_at = find(text_column)?;
    let label_at = label_column.map(find).transpose()?;
    let mut table = Table {
        lines: Vec::new(),
        texts: Vec::new(),
        labels: label_at.map(|_| Vec::new()),
        refused: Vec::new(),
    };
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                table.refused.push((line, format!("ligne illisible ({e})")));
                continue;
            }
        };
        let needed = text_at.max(label_at.unwrap_or(0));
        if record.len() <= needed {
            table.refused.push((
                line,
                format!("{} colonnes au lieu de {}", record.len(), headers.len()),
            ));
            continue;
        }
        table.lines.push(line);
        table.texts.push(record[text_at].to_owned());
        if let (Some(labels), Some(at)) = (table.labels.as_mut(), label_at) {
            labels.push(record[at].trim().to_owned());
        }
    }
    Ok(table)
}

/// One cluster as written to clusters.json.
#[derive(Serialize, Debug)]
pub struct ClusterReport {
    /// Its number, from 1.
    pub cluster: usize,
    /// How many texts it holds.
    pub size: usize,
    /// Its distinctive terms.
    pub label: Vec<String>,
    /// Its most representative texts.
    pub representatives: Vec<Quote>,
}

/// A text and the line it came from.
#[derive(Serialize, Debug)]
pub struct Quote {
    /// Its line in the file.
    pub line: usize,
    /// The text.
    pub text: String,
}

/// Everything clusters.json holds.
#[derive(Serialize, Debug)]
pub struct Report {
    /// Rows read.
    pub texts: usize,
    /// Rows left out of every cluster (empty, or only words that carry no meaning).
    pub unclustered: usize,
    /// Rows refused, with their line and why.
    pub refused: Vec<(usize, String)>,
    /// The clusters, largest first.
    pub clusters: Vec<ClusterReport>,
    /// Groups of texts that say the same thing, by line.
    pub near_duplicates: Vec<Vec<usize>>,
    /// Agreement of clusters with the labels (when a label column was given).
    pub agreement: Option<Agreement>,
}

/// How clusters and suggestions compare with known labels.
#[derive(Serialize, Debug, Clone, Copy)]
pub struct Agreement {
    /// Normalised mutual information between clusters and labels.
    pub nmi: f64,
    /// Adjusted Rand index between clusters and labels.
    pub ari: f64,
    /// Share of the unlabelled 90 % whose suggested label is right.
    pub suggestion_accuracy: f64,
    /// How many rows the suggestion was trained on.
    pub trained_on: usize,
    /// How many terms (words, and pairs when asked) the suggestion read.
    pub suggestion_terms: usize,
}

/// Runs the analysis and writes its files; returns the report.
pub fn run(options: &AnalyzeOptions) -> anyhow::Result<Report> {
    let started = Instant::now();
    let bytes = std::fs::read(&options.csv)
        .with_context(|| format!("lecture de {}", options.csv.display()))?;
    let table = read_table(
        &bytes,
        &options.text_column,
        options.label_column.as_deref(),
    )
    .with_context(|| options.csv.display().to_string())?;
    if table.texts.is_empty() {
        bail!(
            "{} : aucune ligne de texte à analyser",
            options.csv.display()
        );
    }
    eprintln!(
        "{} textes lus, {} lignes refusées ({:.1} s)",
        table.texts.len(),
        table.refused.len(),
        started.elapsed().as_secs_f64()
    );
    let corpus = Corpus::build(&table.texts, &CorpusOptions::default());
    let clustering = textkit::cluster(
        &corpus,
        &ClusterOptions {
            k: options.k,
            seed: options.seed,
            ..ClusterOptions::default()
        },
    );
    let summaries = textkit::summarize(&corpus, &clustering, 5);
    eprintln!(
        "{} groupes formés ({:.1} s)",
        summaries.len(),
        started.elapsed().as_secs_f64()
    );
    let near_duplicates = textkit::near_duplicates(corpus.matrix(), 0.8);

    // Clusters are numbered from 1, largest first.
    let mut order: Vec<usize> = (0..summaries.len()).collect();
    order.sort_by(|&a, &b| summaries[b].size.cmp(&summaries[a].size).then(a.cmp(&b)));
    let mut number = vec![0; summaries.len()];
    for (rank, &c) in order.iter().enumerate() {
        number[c] = rank + 1;
    }
    let clusters: Vec<ClusterReport> = order
        .iter()
        .map(|&c| ClusterReport {
            cluster: number[c],
            size: summaries[c].size,
            label: summaries[c].label.clone(),
            representatives: summaries[c]
                .representatives
                .iter()
                .map(|&i| Quote {
                    line: table.lines[i],
                    text: table.texts[i].clone(),
                })
                .collect(),
        })
        .collect();
    let agreement = table
        .labels
        .as_ref()
        .map(|labels| agreement(&table.texts, labels, &clustering.assignment, options));
    let report = Report {
        texts: table.texts.len(),
        unclustered: clustering.assignment.iter().filter(|c| c.is_none()).count(),
        refused: table.refused.clone(),
        clusters,
        near_duplicates: near_duplicates
            .iter()
            .map(|group| group.iter().map(|&i| table.lines[i]).collect())
            .collect(),
        agreement,
    };
    write_files(
        &options.out,
        &table,
        &clustering.assignment,
        &number,
        &report,
    )?;
    eprintln!(
        "écrit dans {} ({:.1} s)",
        options.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(report)
}

/// NMI and ARI of the clusters against the labels (texts left out count as one more group),
/// and the accuracy of the suggestion trained on a random 10 % of the labelled rows.
fn agreement(
    texts: &[String],
    labels: &[String],
    assignment: &[Option<u32>],
    options: &AnalyzeOptions,
) -> Agreement {
    let seed = options.seed;
    let mut names: Vec<&str> = labels.iter().map(String::as_str).collect();
    names.sort_unstable();
    names.dedup();
    let truth: Vec<u32> = labels
        .iter()
        .map(|l| names.binary_search(&l.as_str()).expect("a known label") as u32)
        .collect();
    let found: Vec<u32> = assignment.iter().map(|c| c.unwrap_or(u32::MAX)).collect();

    let reading = CorpusOptions {
        bigrams: options.word_pairs,
        ..CorpusOptions::for_suggestion()
    };
    let corpus = Corpus::build(texts, &reading);
    let themes: Vec<ThemeText> = names
        .iter()
        .map(|name| ThemeText {
            name: (*name).to_owned(),
            description: String::new(),
        })
        .collect();
    let mut rows: Vec<usize> = (0..texts.len())
        .filter(|&i| !labels[i].is_empty())
        .collect();
    Rng::new(seed).shuffle(&mut rows);
    let trained = rows.len().div_ceil(10);
    let labelled: Vec<(usize, usize)> = rows[..trained]
        .iter()
        .map(|&i| (i, truth[i] as usize))
        .collect();
    let model = Suggester::train(&corpus, &themes, &labelled, seed);
    let tested = &rows[trained..];
    let right = tested
        .iter()
        .filter(|&&i| {
            model
                .suggest(corpus.matrix().row(i))
                .is_some_and(|s| s.theme == truth[i] as usize)
        })
        .count();
    Agreement {
        nmi: nmi(&truth, &found),
        ari: ari(&truth, &found),
        suggestion_accuracy: if tested.is_empty() {
            0.0
        } else {
            right as f64 / tested.len() as f64
        },
        trained_on: trained,
        suggestion_terms: corpus.dimension(),
    }
}

fn write_files(
    out: &Path,
    table: &Table,
    assignment: &[Option<u32>],
    number: &[usize],
    report: &Report,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("création de {}", out.display()))?;
    let labels: Vec<String> = {
        let mut by_number = vec![String::new(); number.len() + 1];
        for cluster in &report.clusters {
            by_number[cluster.cluster] = cluster.label.join(", ");
        }
        by_number
    };
    let mut writer = csv::Writer::from_path(out.join("clusters.csv"))?;
    writer.write_record(["ligne", "groupe", "etiquette_du_groupe", "texte"])?;
    for ((line, text), cluster) in table.lines.iter().zip(&table.texts).zip(assignment) {
        let (group, label) = match cluster {
            Some(c) => {
                let n = number[*c as usize];
                (n.to_string(), labels[n].as_str())
            }
            None => (String::new(), ""),
        };
        writer.write_record([line.to_string().as_str(), &group, label, text])?;
    }
    writer.flush()?;
    std::fs::write(
        out.join("clusters.json"),
        serde_json::to_string_pretty(report)?,
    )?;
    Ok(())
}

/// Prints the report for a person at a terminal.
pub fn print(report: &Report) {
    println!(
        "{} textes, {} groupes, {} hors groupe, {} lignes refusées",
        report.texts,
        report.clusters.len(),
        report.unclustered,
        report.refused.len()
    );
    for (line, reason) in &report.refused {
        println!("  ligne {line} refusée : {reason}");
    }
    for cluster in &report.clusters {
        println!(
            "  groupe {:>2} ({:>6} textes) : {}",
            cluster.cluster,
            cluster.size,
            cluster.label.join(", ")
        );
    }
    println!("{} groupes de quasi-doublons", report.near_duplicates.len());
    if let Some(a) = report.agreement {
        println!(
            "accord avec les étiquettes : NMI {:.3}, ARI {:.3} ; suggestion entraînée sur {} lignes ({} termes) : {:.1} % justes",
            a.nmi,
            a.ari,
            a.trained_on,
            a.suggestion_terms,
            a.suggestion_accuracy * 100.0
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_semicolons_bom_and_refuses_short_rows_alone() {
        let csv = "\u{feff}id;texte;thème\n1;Plus de bus;mobilité\n2\n3;Un médecin;santé\n";
        let table = read_table(csv.as_bytes(), "Texte", Some("thème")).unwrap();
        assert_eq!(table.texts, ["Plus de bus", "Un médecin"]);
        assert_eq!(table.labels.unwrap(), ["mobilité", "santé"]);
        assert_eq!(table.lines, [2, 4]);
        assert_eq!(table.refused.len(), 1);
        assert_eq!(table.refused[0].0, 3);
    }

    #[test]
    fn a_missing_column_or_a_wrong_encoding_is_said() {
        let error = read_table(b"id,text\n1,a\n", "reponse", None).unwrap_err();
        assert_eq!(
            error.to_string(),
            "la colonne « reponse » est absente ; colonnes trouvées : id, text"
        );
        let latin1 = b"id,text\n1,\xe9cole\n";
        let error = read_table(latin1, "text", None).unwrap_err().to_string();
        assert!(
            error.contains("pas en UTF-8 (ligne 2, octet 11)"),
            "{error}"
        );
    }

    #[test]
    fn writes_clusters_and_measures_them_against_labels() {
        let dir = tempfile::tempdir().unwrap();
        let mut csv = String::from("texte,theme\n");
        for n in 0..30 {
            csv += &format!("\"Plus de bus et de trains le soir, ligne {n}\",mobilite\n");
            csv += &format!("\"Un médecin généraliste, la maison de santé {n}\",sante\n");
        }
        csv += "\"\",sante\n";
        let file = dir.path().join("avis.csv");
        std::fs::write(&file, csv).unwrap();
        let out = dir.path().join("out");
        let options = AnalyzeOptions {
            csv: file,
            text_column: "texte".into(),
            label_column: Some("theme".into()),
            k: Some(2),
            out: out.clone(),
            seed: 1,
            word_pairs: false,
        };
        let report = run(&options).unwrap();
        assert_eq!(report.texts, 61);
        assert_eq!(report.unclustered, 1, "the empty text is in no cluster");
        assert_eq!(
            report.clusters.iter().map(|c| c.size).collect::<Vec<_>>(),
            [30, 30]
        );
        let agreement = report.agreement.unwrap();
        assert!(agreement.nmi > 0.9 && agreement.ari > 0.9, "{agreement:?}");
        assert!(agreement.suggestion_accuracy > 0.9, "{agreement:?}");
        assert_eq!(agreement.trained_on, 7);
        let with_pairs = run(&AnalyzeOptions {
            word_pairs: true,
            ..options
        })
        .unwrap()
        .agreement
        .unwrap();
        assert!(with_pairs.suggestion_accuracy > 0.9, "{with_pairs:?}");
        assert!(
            with_pairs.suggestion_terms > agreement.suggestion_terms,
            "pairs of words are read as terms too: {with_pairs:?}"
        );

        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("clusters.json")).unwrap())
                .unwrap();
        assert_eq!(json["clusters"].as_array().unwrap().len(), 2);
        let rows = std::fs::read_to_string(out.join("clusters.csv")).unwrap();
        let mut reader = csv::Reader::from_reader(rows.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), 61);
        assert_eq!(&records[0][0], "2");
        assert_ne!(&records[0][1], &records[1][1], "bus and doctor apart");
        assert_eq!(&records[0][1], &records[2][1]);
        assert_eq!(&records[60][1], "", "the empty text has no cluster");
    }
}
