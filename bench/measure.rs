//! What the benchmarks share: the median of repeated timings, the process's peak memory, and
//! the Grand Débat answers they read their texts from.

/// Runs `work` `runs` times; returns the median of each timing it reports (seconds), and its
/// last result. Two cores shared with the rest of the machine make a single run noisy.
pub fn median_of<T>(runs: usize, mut work: impl FnMut() -> (Vec<f64>, T)) -> (Vec<f64>, T) {
    let mut timings = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        // The previous run's result is let go first, as a server lets go of a finished job's.
        drop(last.take());
        let (times, result) = work();
        timings.push(times);
        last = Some(result);
    }
    let medians = (0..timings[0].len())
        .map(|i| {
            let mut values: Vec<f64> = timings.iter().map(|t| t[i]).collect();
            values.sort_by(f64::total_cmp);
            values[values.len() / 2]
        })
        .collect();
    (medians, last.expect("at least one run"))
}

/// The peak resident memory of this process so far (`VmHWM`), in MB; 0 where `/proc` is not.
pub fn peak_memory_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The Grand Débat 2019 answers of `../shared/data` as (question key, text), file after file
/// in the order given (`responses-fiscalite.csv`, `responses-transition.csv`). Run from the
/// repository root, beside `../shared`.
pub fn grand_debat_answers(files: &[&str]) -> Vec<(String, String)> {
    let mut answers = Vec::new();
    for file in files {
        let path = format!("../shared/data/contributions/grand-debat-2019/{file}");
        let mut reader = csv::Reader::from_path(&path)
            .unwrap_or_else(|e| panic!("cannot read {path}: {e} (run from the repository root)"));
        for record in reader.records() {
            let record = record.expect("a CSV record");
            answers.push((record[0].to_string(), record[2].to_string()));
        }
    }
    answers
}
