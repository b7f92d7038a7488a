//! The budget's bar chart, drawn by the server as SVG: one horizontal bar per row, its length
//! the row's share of its side, its label and value written beside it (the table under the
//! chart holds the same values). Text is escaped; the chart names itself for screen readers.

use geokit::svg::escape;

/// Bar colours, each at least 3:1 against white (WCAG 1.4.11).
const COLOURS: [&str; 8] = [
    "#1d5c8f", "#2e7d32", "#a2461f", "#6a3d9a", "#00707a", "#b0306a", "#7a5c00", "#555555",
];
const WIDTH: u32 = 640;
const LABEL_WIDTH: u32 = 230;
const BAR_WIDTH: u32 = 280;
const ROW_HEIGHT: u32 = 30;

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
    let height = ROW_HEIGHT * bars.len() as u32 + 10;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"budget-chart\" viewBox=\"0 0 {WIDTH} {height}\" \
         role=\"img\" aria-labelledby=\"{id}-titre {id}-desc\"><title id=\"{id}-titre\">{}</title>\
         <desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(description)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = 5 + ROW_HEIGHT * i as u32;
        let length = (BAR_WIDTH as i64 * bar.tenths.clamp(0, 1000) / 1000).max(1);
        let label: String = bar.label.chars().take(34).collect();
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\" fill=\"#1a1a1a\">{}</text>\
             <rect x=\"{LABEL_WIDTH}\" y=\"{}\" width=\"{length}\" height=\"{}\" fill=\"{}\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"#1a1a1a\">{}</text>",
            LABEL_WIDTH - 8,
            y + 19,
            escape(&label),
            y + 4,
            ROW_HEIGHT - 8,
            COLOURS[i % COLOURS.len()],
            LABEL_WIDTH as i64 + length + 6,
            y + 19,
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
        assert!(svg.contains("width=\"92\""), "33 % of 280 px");
        assert!(svg.contains("width=\"56\""), "20 % of 280 px");
        assert!(svg.contains("EPCI &lt;script&gt;"));
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("aria-labelledby=\"recettes-titre recettes-desc\""));
    }
}
