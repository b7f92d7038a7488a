//! Export benchmark: a needs table of 100,000 rows and 10 columns (numbers, short and longer
//! accented texts) written as XLSX and as CSV; median of 5 runs, with the files' sizes.
//!   cargo run --release -p concerto-bench --bin exports

use exports::xlsx::Cell;
use std::time::Instant;

const ROWS: u32 = 100_000;
const HEADER: [&str; 10] = [
    "id",
    "titre",
    "description",
    "thème",
    "commune",
    "soutiens",
    "commentaires",
    "source",
    "créé le",
    "latitude",
];

/// Row `i` of the table: what a need's export row holds.
fn row(i: u32) -> Vec<Cell> {
    vec![
        Cell::Number(f64::from(i)),
        Cell::Text(format!("Besoin n° {i} : des bus plus fréquents le soir")),
        Cell::Text(
            "Une description de longueur moyenne, avec des accents (é, è, à), une virgule ; \
             et un point-virgule, comme en écrivent les participants."
                .into(),
        ),
        Cell::Text(["Mobilité", "Santé", "Logement"][i as usize % 3].into()),
        Cell::Text(format!("Commune {}", i % 197)),
        Cell::Number(f64::from(i % 37)),
        Cell::Number(f64::from(i % 5)),
        if i.is_multiple_of(3) {
            Cell::Empty
        } else {
            Cell::Text("en ligne".into())
        },
        Cell::Text("2026-12-06 10:00".into()),
        Cell::Number(47.6 + f64::from(i) * 1e-6),
    ]
}

fn main() {
    let (times, sizes) = measure::median_of(5, || {
        let started = Instant::now();
        let xlsx = exports::xlsx::workbook("Besoins", &HEADER, (0..ROWS).map(row))
            .expect("within Excel's limits");
        let xlsx_time = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let csv = exports::csv::write(
            &HEADER,
            (0..ROWS).map(|i| row(i).iter().map(Cell::to_string).collect()),
        );
        let csv_time = started.elapsed().as_secs_f64();
        (vec![xlsx_time, csv_time], (xlsx.len(), csv.len()))
    });
    println!("{ROWS} rows × {} columns, median of 5 runs", HEADER.len());
    println!(
        "xlsx  {:>7.3} s  {:>6.1} MB",
        times[0],
        sizes.0 as f64 / 1e6
    );
    println!(
        "csv   {:>7.3} s  {:>6.1} MB",
        times[1],
        sizes.1 as f64 / 1e6
    );
}
