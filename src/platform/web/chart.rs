//! Bar charts drawn by the server as SVG (a budget's sides, a questionnaire's answers): one
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
}
