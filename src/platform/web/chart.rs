//! Bar charts drawn by the server as SVG (a budget's sides, a questionnaire's answers, a
//! territory's age bands beside a reference's): one
//! horizontal bar per row, its length the row's share, its label whole above it and its value
//! beside it (the table under the chart holds the same values). Text is escaped; the chart
//! names itself for screen readers.

use geokit::svg::escape;

/// Bar colours, each at least 3:1 against white (WCAG 1.4.11).
const COLOURS: [&str; 8] = [
    "#1d5c8f", "#2e7d32", "#a2461f", "#6a3d9a", "#00707a", "#b0306a", "#7a5c00", "#555555",
];
const WIDTH: u32 = 640;
/// Longest bar (100 %), leaving room for its value on its right.
const BAR_WIDTH: u32 = 420;
/// A row: its label on one line, its bar and value on the next.
const ROW_HEIGHT: u32 = 46;

/// A bar: its label, its value as written, its share in tenths of a percent.
pub struct Bar<'a> {
    /// What it is.
    pub label: &'a str,
    /// Its amount and share, written.
    pub value: &'a str,
    /// Its share, in tenths of a percent.
    pub tenths: i64,
}

/// Draws bars under a title and a description (`id` makes their ids unique in the page).
pub fn bar_chart(id: &str, title: &str, description: &str, bars: &[Bar<'_>]) -> String {
    let height = ROW_HEIGHT * bars.len() as u32 + 6;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar-chart\" viewBox=\"0 0 {WIDTH} {height}\" \
         role=\"img\" aria-labelledby=\"{id}-titre {id}-desc\"><title id=\"{id}-titre\">{}</title>\
         <desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(description)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = 5 + ROW_HEIGHT * i as u32;
        let length = (BAR_WIDTH as i64 * bar.tenths.clamp(0, 1000) / 1000).max(1);
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"14\" fill=\"#1a1a1a\">{}</text>\
             <rect x=\"0\" y=\"{}\" width=\"{length}\" height=\"18\" fill=\"{}\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"14\" fill=\"#1a1a1a\">{}</text>",
            y + 14,
            escape(bar.label),
            y + 20,
            COLOURS[i % COLOURS.len()],
            length + 8,
            y + 34,
            escape(bar.value),
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// A row of a compared chart: its label, this territory's share and the reference's, each
/// written and in tenths of a percent.
pub struct Compared<'a> {
    /// What it is.
    pub label: &'a str,
    /// This territory's share, written, and in tenths of a percent.
    pub here: (&'a str, i64),
    /// The reference's, written, and in tenths of a percent.
    pub reference: Option<(&'a str, i64)>,
}

/// Draws shares of a territory beside a reference's (a thinner grey bar under each), with a
/// legend naming both (`names`); the largest share spans the chart's width.
pub fn compared_chart(
    id: &str,
    title: &str,
    description: &str,
    names: (&str, &str),
    rows: &[Compared<'_>],
) -> String {
    const ROW: u32 = 58;
    let height = 30 + ROW * rows.len() as u32;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar-chart\" viewBox=\"0 0 {WIDTH} {height}\" \
         role=\"img\" aria-labelledby=\"{id}-titre {id}-desc\"><title id=\"{id}-titre\">{}</title>\
         <desc id=\"{id}-desc\">{}</desc>\
         <rect x=\"0\" y=\"4\" width=\"14\" height=\"14\" fill=\"{}\"/>\
         <text x=\"20\" y=\"16\" font-size=\"14\" fill=\"#1a1a1a\">{}</text>",
        escape(title),
        escape(description),
        COLOURS[0],
        escape(names.0),
    );
    let has_reference = rows.iter().any(|r| r.reference.is_some());
    if has_reference {
        svg.push_str(&format!(
            "<rect x=\"320\" y=\"8\" width=\"14\" height=\"8\" fill=\"{}\"/>\
             <text x=\"340\" y=\"16\" font-size=\"14\" fill=\"#1a1a1a\">{}</text>",
            COLOURS[7],
            escape(names.1)
        ));
    }
    // The longest bar spans the width: shares of six age bands would otherwise be short.
    let longest = rows
        .iter()
        .flat_map(|r| [Some(r.here.1), r.reference.map(|(_, t)| t)])
        .flatten()
        .max()
        .unwrap_or(1000)
        .clamp(1, 1000);
    let length = |tenths: i64| (BAR_WIDTH as i64 * tenths.clamp(0, longest) / longest).max(1);
    for (i, row) in rows.iter().enumerate() {
        let y = 30 + ROW * i as u32;
        let here = length(row.here.1);
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"14\" fill=\"#1a1a1a\">{}</text>\
             <rect x=\"0\" y=\"{}\" width=\"{here}\" height=\"16\" fill=\"{}\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"#1a1a1a\">{}</text>",
            y + 14,
            escape(row.label),
            y + 20,
            COLOURS[0],
            here + 8,
            y + 33,
            escape(row.here.0),
        ));
        if let Some((written, tenths)) = row.reference {
            let there = length(tenths);
            svg.push_str(&format!(
                "<rect x=\"0\" y=\"{}\" width=\"{there}\" height=\"8\" fill=\"{}\"/>\
                 <text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#444444\">{}</text>",
                y + 38,
                COLOURS[7],
                there + 8,
                y + 46,
                escape(written),
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Draws a value over time as a line with its first and last values written (a table beside
/// it holds every value): `points` are `(date, value)`, oldest first.
pub fn line_chart(id: &str, title: &str, description: &str, points: &[(&str, f64)]) -> String {
    const HEIGHT: f64 = 120.0;
    const LEFT: f64 = 8.0;
    const PLOT: f64 = 520.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"line-chart\" viewBox=\"0 0 {WIDTH} {}\" \
         role=\"img\" aria-labelledby=\"{id}-titre {id}-desc\"><title id=\"{id}-titre\">{}</title>\
         <desc id=\"{id}-desc\">{}</desc>",
        HEIGHT + 24.0,
        escape(title),
        escape(description)
    );
    let (low, high) = points
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), (_, v)| {
            (lo.min(*v), hi.max(*v))
        });
    let span = if high > low { high - low } else { 1.0 };
    let step = if points.len() > 1 {
        PLOT / (points.len() - 1) as f64
    } else {
        0.0
    };
    let at = |i: usize, v: f64| {
        (
            LEFT + step * i as f64,
            10.0 + (HEIGHT - 20.0) * (1.0 - (v - low) / span),
        )
    };
    let line: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, (_, v))| {
            let (x, y) = at(i, *v);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    svg.push_str(&format!(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"3\"></polyline>",
        line.join(" "),
        COLOURS[0]
    ));
    for (i, (date, value)) in points.iter().enumerate() {
        let (x, y) = at(i, *value);
        svg.push_str(&format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4\" fill=\"{}\"></circle>",
            COLOURS[0]
        ));
        if i == 0 || i + 1 == points.len() {
            let anchor = if i == 0 { "start" } else { "end" };
            svg.push_str(&format!(
                "<text x=\"{x:.1}\" y=\"{}\" font-size=\"13\" text-anchor=\"{anchor}\" fill=\"#1a1a1a\">{}</text>",
                HEIGHT + 18.0,
                escape(date)
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_as_long_as_their_share_and_their_text_is_escaped() {
        let svg = bar_chart(
            "recettes",
            "Recettes",
            "Par ligne",
            &[
                Bar {
                    label: "EPCI <script>",
                    value: "40 324 € · 33 %",
                    tenths: 330,
                },
                Bar {
                    label: "Région",
                    value: "24 439 € · 20 %",
                    tenths: 200,
                },
            ],
        );
        assert!(svg.contains("width=\"138\""), "33 % of 420 px");
        assert!(svg.contains("width=\"84\""), "20 % of 420 px");
        assert!(svg.contains("EPCI &lt;script&gt;"));
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("aria-labelledby=\"recettes-titre recettes-desc\""));
    }

    #[test]
    fn compared_charts_scale_to_the_largest_share_and_name_both_territories() {
        let rows = [
            Compared {
                label: "0 à 14 ans",
                here: ("20 %", 200),
                reference: Some(("40 %", 400)),
            },
            Compared {
                label: "<script>",
                here: ("10 %", 100),
                reference: None,
            },
        ];
        let svg = compared_chart("c", "Âges", "Parts", ("Belfort", "Pôle & co"), &rows);
        assert!(
            svg.contains("width=\"420\" height=\"8\""),
            "the largest bar is full length"
        );
        assert!(svg.contains("width=\"210\" height=\"16\""), "half of it");
        assert!(svg.contains("Pôle &amp; co") && svg.contains("&lt;script&gt;"));
        let line = line_chart(
            "l",
            "Besoins",
            "Au fil des jours",
            &[("2026-12-01", 1.0), ("2026-12-02", 3.0)],
        );
        assert!(line.contains("points=\"8.0,110.0 528.0,10.0\""), "{line}");
        assert!(line.contains(">2026-12-01<") && line.contains(">2026-12-02<"));
    }
}
