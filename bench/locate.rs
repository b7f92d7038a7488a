//! Point location benchmark: on the 1,200 communes of Doubs, Haute-Saône and Territoire de
//! Belfort, how long one lookup takes (index built once), for points spread over the area.
//!   cargo run --release -p concerto-bench --bin locate

use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/territories/communes-25-70-90-cog2026.geojson".into());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("cannot read {path}: {e} (run from the repository root, beside ../shared)")
    });
    let started = Instant::now();
    let features = geokit::geojson::read_features(&text).expect("GeoJSON");
    let codes: Vec<String> = features
        .iter()
        .map(|f| f.text("code").unwrap_or_default())
        .collect();
    let shapes: Vec<geokit::Geometry> = features
        .into_iter()
        .map(|f| f.geometry.expect("geometry"))
        .collect();
    let bbox = shapes
        .iter()
        .fold(geokit::BBox::EMPTY, |b, s| b.union(s.bbox()));
    let index = geokit::locate::PointIndex::new(shapes);
    let build = started.elapsed();

    // A deterministic spread of points over the bounding box (a low-discrepancy sequence).
    let count = 1_000_000;
    let points: Vec<[f64; 2]> = (0..count)
        .map(|i| {
            let (u, v) = (
                (i as f64 * 0.618_033_988_75).fract(),
                (i as f64 * 0.754_877_666_25).fract(),
            );
            [
                bbox.min_x + u * (bbox.max_x - bbox.min_x),
                bbox.min_y + v * (bbox.max_y - bbox.min_y),
            ]
        })
        .collect();
    let started = Instant::now();
    let mut found = 0usize;
    for point in &points {
        if index.locate(*point).is_some() {
            found += 1;
        }
    }
    let elapsed = started.elapsed();
    let inside: Vec<[f64; 2]> = points
        .iter()
        .copied()
        .filter(|p| index.locate(*p).is_some())
        .collect();
    let started = Instant::now();
    let hits = inside
        .iter()
        .filter(|p| index.locate(**p).is_some())
        .count();
    let inside_elapsed = started.elapsed();
    let belfort = index.locate([6.8628, 47.6379]).map(|i| codes[i].as_str());
    println!("communes indexed      {}", index.len());
    println!(
        "index built in        {:.1} ms (parse + index)",
        build.as_secs_f64() * 1e3
    );
    println!("lookups               {count} ({found} inside a commune)");
    println!(
        "mean lookup           {:.2} µs",
        elapsed.as_secs_f64() * 1e6 / count as f64
    );
    println!(
        "mean lookup, inside   {:.2} µs ({hits} points that fall in a commune)",
        inside_elapsed.as_secs_f64() * 1e6 / hits as f64
    );
    println!("check: Belfort town hall -> {}", belfort.unwrap_or("none"));
}
