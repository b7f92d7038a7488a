//! Opinion-map benchmark (issue #7). `opinion polis DIR…`: for each Polis conversation folder
//! (votes.csv, comments.csv, participants-votes.csv), the map computed from its votes (median
//! of 5 runs): voters, those admitted to the groups (Polis's rule), those Polis grouped, those
//! both grouped, and the adjusted Rand index between our groups and Polis's own `group-id` over
//! them. `opinion scale PARTICIPANTS STATEMENTS VOTES`: a
//! synthetic conversation with real group structure (four camps with their own leanings,
//! votes drawn at random), its map's time and the peak memory. Prints `key value` lines.

use std::collections::HashMap;
use std::time::Instant;

use concerto::features::opinions::cli::{map, read_statements, read_votes};
use measure::{median_of, peak_memory_mb};
use opinion::{Vote, VoteMatrix};
use textkit::metrics::ari;
use textkit::rng::Rng;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn polis(dir: &str) {
    let name = dir.trim_end_matches('/').rsplit('/').next().unwrap_or(dir);
    let votes = read_votes(&std::fs::read(format!("{dir}/votes.csv")).expect("votes.csv")).unwrap();
    let statements =
        read_statements(&std::fs::read(format!("{dir}/comments.csv")).expect("comments.csv"))
            .unwrap();
    let (times, result) = median_of(5, || {
        let start = Instant::now();
        let result = map(&votes.votes, &statements, 1);
        (vec![start.elapsed().as_secs_f64()], result)
    });
    let mut theirs: HashMap<i64, String> = HashMap::new();
    let mut reader = csv::Reader::from_path(format!("{dir}/participants-votes.csv"))
        .expect("participants-votes.csv");
    for record in reader.records() {
        let record = record.expect("a row");
        if !record[1].is_empty() {
            theirs.insert(
                record[0].parse().expect("participant id"),
                record[1].to_string(),
            );
        }
    }
    let mut labels: Vec<&str> = theirs.values().map(String::as_str).collect();
    labels.sort_unstable();
    labels.dedup();
    let admitted = result.places.iter().filter(|p| p.group.is_some()).count();
    let admitted_and_polis = result
        .places
        .iter()
        .filter(|p| p.group.is_some() && theirs.contains_key(&p.participant))
        .count();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for place in &result.places {
        if let (Some(group), Some(label)) = (place.group, theirs.get(&place.participant)) {
            a.push(labels.binary_search(&label.as_str()).unwrap() as u32);
            b.push(group as u32);
        }
    }
    println!("{name}_voters {}", result.places.len());
    println!("{name}_admitted {admitted}");
    println!("{name}_polis_grouped {}", theirs.len());
    println!("{name}_both {admitted_and_polis}");
    println!("{name}_groups {} {}", result.groups.len(), labels.len());
    println!("{name}_ari {:.3}", ari(&a, &b));
    println!("{name}_seconds {:.4}", times[0]);
}

/// Votes of `participants` people in four camps on `statements` statements. Two questions
/// divide them (half the statements are about one, half about the other; each statement
/// leans one way or the other on its question), and every tenth statement is agreed by
/// everyone. Each person follows their camp four times in five and passes one time in ten.
fn synthetic(participants: usize, statements: usize, votes: usize) -> Vec<Vote> {
    let mut rng = Rng::new(11);
    let leaning: Vec<i8> = (0..statements)
        .map(|_| if rng.below(2) == 0 { 1 } else { -1 })
        .collect();
    let camp_vote = |camp: usize, s: usize| -> i8 {
        if s.is_multiple_of(10) {
            return 1;
        }
        // Camps 0 and 1 are on one side of the first question, 0 and 2 of the second.
        let side = if s.is_multiple_of(2) {
            camp & 1
        } else {
            (camp >> 1) & 1
        };
        if side == 0 { leaning[s] } else { -leaning[s] }
    };
    let per_person = votes / participants;
    let mut out = Vec::with_capacity(votes);
    let mut at = 0;
    let mut seen = vec![false; statements];
    for p in 0..participants {
        let camp = p % 4;
        // As on Polis, where the next statement shown is the most informative one, people
        // vote mostly on the same statements: drawn with a density falling from the first.
        let mut chosen = Vec::with_capacity(per_person);
        while chosen.len() < per_person.min(statements) {
            let s = ((statements as f64) * rng.unit().powf(2.5)) as usize % statements;
            if !seen[s] {
                seen[s] = true;
                chosen.push(s);
            }
        }
        for &s in &chosen {
            seen[s] = false;
            let roll = rng.below(10);
            let value = match roll {
                0 => 0,
                1 => -camp_vote(camp, s),
                _ => camp_vote(camp, s),
            };
            at += 1;
            out.push(Vote {
                participant: p as i64,
                statement: s as i64,
                value,
                at,
            });
        }
    }
    out
}

fn scale(participants: usize, statements: usize, votes: usize) {
    let votes = synthetic(participants, statements, votes);
    let start = Instant::now();
    let matrix = VoteMatrix::new(&votes, &[], &[]);
    let built = start.elapsed().as_secs_f64();
    let result = opinion::analyze(&matrix, 1);
    let seconds = start.elapsed().as_secs_f64();
    let truth: Vec<u32> = result
        .places
        .iter()
        .map(|p| (p.participant % 4) as u32)
        .collect();
    let found: Vec<u32> = result
        .places
        .iter()
        .map(|p| p.group.map_or(u32::MAX, |g| g as u32))
        .collect();
    println!("scale_votes {}", votes.len());
    println!("scale_participants {participants}");
    println!("scale_statements {statements}");
    println!("scale_matrix_seconds {built:.3}");
    println!("scale_seconds {seconds:.3}");
    println!("scale_groups {}", result.groups.len());
    println!("scale_ari_vs_camps {:.3}", ari(&truth, &found));
    println!("scale_peak_mb {:.0}", peak_memory_mb());
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("polis") => args[1..].iter().for_each(|dir| polis(dir)),
        Some("scale") => {
            let n = |i: usize| args[i].parse::<usize>().expect("a number");
            scale(n(1), n(2), n(3));
        }
        _ => eprintln!("usage: opinion polis DIR… | opinion scale PARTICIPANTS STATEMENTS VOTES"),
    }
}
