//! Synthesis benchmark (issue #6) on the Grand Débat answers, whose `question_key` is the true
//! label. Prints, as `key value` lines the script reads:
//!   quality   clustering with k = the number of questions (time, NMI, ARI) and the question
//!             suggested from a labelled 10 % (rows whose index is a multiple of 10; time,
//!             accuracy); the peer script uses the same rows.
//!   scale N   N texts (the answers repeated with light perturbation) read and clustered:
//!             wall time and peak memory.
//!   cargo run --release -p concerto-bench --bin synthesis -- quality|scale [N]

use std::time::Instant;

use measure::{grand_debat_answers, median_of, peak_memory_mb};
use textkit::metrics::{ari, nmi};
use textkit::rng::Rng;
use textkit::{
    ClusterOptions, Corpus, CorpusOptions, Suggester, ThemeText, cluster, near_duplicates,
    summarize,
};

/// The allocator the product runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DIR: &str = "../shared/data/contributions/grand-debat-2019";

/// Every answer with its question, in file order.
fn answers() -> (Vec<String>, Vec<String>) {
    grand_debat_answers(&["responses-fiscalite.csv", "responses-transition.csv"])
        .into_iter()
        .map(|(question, text)| (text, question))
        .unzip()
}

/// The question texts, by key, as the themes a manager would have written.
fn questions() -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_path(format!("{DIR}/questions.csv")).expect("questions");
    reader
        .records()
        .map(|r| {
            let r = r.expect("a CSV record");
            (r[0].to_string(), r[3].to_string())
        })
        .collect()
}

/// Timed runs of each task; the median is reported, as the peer script does.
const RUNS: usize = 5;

fn quality() {
    let (texts, labels) = answers();
    let mut keys: Vec<&str> = labels.iter().map(String::as_str).collect();
    keys.sort_unstable();
    keys.dedup();
    let truth: Vec<u32> = labels
        .iter()
        .map(|l| keys.binary_search(&l.as_str()).unwrap() as u32)
        .collect();
    println!("texts {}", texts.len());
    println!("questions {}", keys.len());

    let (times, (corpus, clustering)) = median_of(RUNS, || {
        let start = Instant::now();
        let corpus = Corpus::build(&texts, &CorpusOptions::default());
        let read = start.elapsed().as_secs_f64();
        let clustering = cluster(
            &corpus,
            &ClusterOptions {
                k: Some(keys.len()),
                ..ClusterOptions::default()
            },
        );
        (
            vec![read, start.elapsed().as_secs_f64()],
            (corpus, clustering),
        )
    });
    let (read, clustered) = (times[0], times[1]);
    let found: Vec<u32> = clustering
        .assignment
        .iter()
        .map(|c| c.unwrap_or(u32::MAX))
        .collect();
    println!("terms {}", corpus.dimension());
    println!("read_seconds {read:.3}");
    println!("cluster_seconds {clustered:.3}");
    println!("cluster_nmi {:.4}", nmi(&truth, &found));
    println!("cluster_ari {:.4}", ari(&truth, &found));
    for (c, summary) in summarize(&corpus, &clustering, 1).iter().enumerate() {
        println!(
            "cluster_label {c} {} {}",
            summary.size,
            summary.label.join(", ")
        );
    }

    // The themes a manager wrote (the questions' texts), read before the clock starts.
    let questions = questions();
    let themes: Vec<ThemeText> = keys
        .iter()
        .map(|key| {
            let question = questions.iter().find(|(k, _)| k == key);
            ThemeText {
                name: String::new(),
                description: question.map(|(_, text)| text.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let (read, trained, seconds, accuracy) =
        suggestion(&texts, &truth, &themes, &CorpusOptions::for_suggestion());
    println!("suggest_read_seconds {read:.3}");
    println!("suggest_train_seconds {:.3}", trained - read);
    println!("suggest_seconds {seconds:.3}");
    println!("suggest_accuracy {accuracy:.4}");
    // Pairs of neighbouring words, where accuracy matters more than time.
    let with_pairs = CorpusOptions {
        bigrams: true,
        ..CorpusOptions::for_suggestion()
    };
    let (_, _, seconds, accuracy) = suggestion(&texts, &truth, &themes, &with_pairs);
    println!("suggest_pairs_seconds {seconds:.3}");
    println!("suggest_pairs_accuracy {accuracy:.4}");

    let start = Instant::now();
    let corpus = Corpus::build(&texts, &CorpusOptions::default());
    let groups = near_duplicates(corpus.matrix(), 0.8);
    println!("duplicates_seconds {:.3}", start.elapsed().as_secs_f64());
    println!("duplicates_groups {}", groups.len());
    println!(
        "duplicates_texts {}",
        groups.iter().map(Vec::len).sum::<usize>()
    );
    println!("peak_mb {:.0}", peak_memory_mb());
}

/// The question of every answer suggested from every tenth answer's (labelled) and the
/// questions' texts, read with `options`: the medians of the reading, reading + training and
/// whole times (seconds), and the accuracy on the other answers.
fn suggestion(
    texts: &[String],
    truth: &[u32],
    themes: &[ThemeText],
    options: &CorpusOptions,
) -> (f64, f64, f64, f64) {
    let (times, suggestions) = median_of(RUNS, || {
        let start = Instant::now();
        let corpus = Corpus::build(texts, options);
        let labelled: Vec<(usize, usize)> = (0..texts.len())
            .step_by(10)
            .map(|i| (i, truth[i] as usize))
            .collect();
        let read = start.elapsed().as_secs_f64();
        let model = Suggester::train(&corpus, themes, &labelled, 42);
        let trained = start.elapsed().as_secs_f64();
        let suggestions = model.suggest_all(corpus.matrix());
        (
            vec![read, trained, start.elapsed().as_secs_f64()],
            suggestions,
        )
    });
    let (mut right, mut tested) = (0, 0);
    for (i, suggestion) in suggestions.iter().enumerate() {
        if i % 10 != 0 {
            tested += 1;
            if suggestion.is_some_and(|s| s.theme == truth[i] as usize) {
                right += 1;
            }
        }
    }
    let accuracy = right as f64 / tested as f64;
    (times[0], times[1], times[2], accuracy)
}

/// `n` texts: the answers over and over, each copy after the first with one word dropped and
/// two neighbouring words swapped at random.
fn perturbed(n: usize) -> Vec<String> {
    let (texts, _) = answers();
    let mut rng = Rng::new(7);
    (0..n)
        .map(|i| {
            let text = &texts[i % texts.len()];
            if i < texts.len() {
                return text.clone();
            }
            let mut words: Vec<&str> = text.split_whitespace().collect();
            if words.len() > 3 {
                words.remove(rng.below(words.len()));
                let at = rng.below(words.len() - 1);
                words.swap(at, at + 1);
            }
            words.join(" ")
        })
        .collect()
}

fn scale(n: usize) {
    let texts = perturbed(n);
    let before = peak_memory_mb();
    let start = Instant::now();
    let corpus = Corpus::build(&texts, &CorpusOptions::default());
    let read = start.elapsed().as_secs_f64();
    let clustering = cluster(
        &corpus,
        &ClusterOptions {
            k: Some(11),
            ..ClusterOptions::default()
        },
    );
    let seconds = start.elapsed().as_secs_f64();
    let summaries = summarize(&corpus, &clustering, 3);
    println!("scale_texts {}", texts.len());
    println!("scale_terms {}", corpus.dimension());
    println!("scale_read_seconds {read:.3}");
    println!("scale_seconds {seconds:.3}");
    println!(
        "scale_with_labels_seconds {:.3}",
        start.elapsed().as_secs_f64()
    );
    println!("scale_texts_mb {before:.0}");
    println!("scale_peak_mb {:.0}", peak_memory_mb());
    println!("scale_clusters {}", summaries.len());
}

fn main() {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("quality") => quality(),
        Some("scale") => scale(
            args.next()
                .map_or(1_000_000, |n| n.parse().expect("a number")),
        ),
        _ => eprintln!("usage: synthesis quality | synthesis scale [N]"),
    }
}
