//! SVG maps drawn on the server: shapes (each with an accessible `<title>` and an optional
//! link), a choropleth legend, and a layer of points. Coordinates are projected to Lambert-93,
//! simplified to the drawing's resolution and written as compact relative paths, so a map of a
//! few hundred communes stays a few tens of kilobytes.

use std::fmt::Write;

use crate::geometry::{BBox, Geometry};
use crate::project::lambert93;
use crate::simplify::simplify_ring;

/// Width of the drawing in SVG units (it scales to its container).
const WIDTH: f64 = 1000.0;
/// Margin around the shapes, in SVG units.
const MARGIN: f64 = 8.0;

/// How a shape of a `Drawing` looks on one map (the shapes of the spec follow the drawing's
/// order).
pub struct Shape {
    /// Accessible name, for example "Belfort : 12 besoins".
    pub title: String,
    /// Where clicking leads, if anywhere.
    pub href: Option<String>,
    /// Fill colour (CSS), or the stylesheet's default.
    pub fill: Option<String>,
}

/// A point to draw.
pub struct Marker {
    /// `[longitude, latitude]`.
    pub position: [f64; 2],
    /// Accessible name.
    pub title: String,
    /// Where clicking leads.
    pub href: Option<String>,
    /// Fill colour (CSS).
    pub colour: String,
}

/// A legend: a title and coloured entries.
pub struct Legend {
    /// Heading of the legend.
    pub title: String,
    /// `(colour, label)` entries, in order.
    pub entries: Vec<(String, String)>,
}

/// What one map shows over a drawing.
pub struct MapSpec {
    /// Accessible name of the map.
    pub title: String,
    /// Longer description for screen readers.
    pub description: String,
    /// How each shape of the drawing looks, in the drawing's order.
    pub shapes: Vec<Shape>,
    /// Points, drawn last.
    pub markers: Vec<Marker>,
    /// A legend, drawn in the top-left corner.
    pub legend: Option<Legend>,
    /// An id for the `<svg>` element (for the zoom script and `aria-describedby`).
    pub id: String,
}

/// Converts longitude/latitude to drawing units.
pub struct Frame {
    min_x: f64,
    max_y: f64,
    scale: f64,
    /// Height of the drawing.
    pub height: f64,
}

impl Frame {
    /// A frame fitting the bounding box of these geometries.
    pub fn fitting<'a>(geometries: impl Iterator<Item = &'a Geometry>) -> Frame {
        let mut projected = BBox::EMPTY;
        for geometry in geometries {
            for ring in geometry.rings() {
                for point in ring.coords() {
                    projected.add(lambert93([point.x, point.y]));
                }
            }
        }
        if projected.is_empty() {
            projected = BBox {
                min_x: 0.0,
                min_y: 0.0,
                max_x: 1.0,
                max_y: 1.0,
            };
        }
        let span_x = (projected.max_x - projected.min_x).max(1.0);
        let span_y = (projected.max_y - projected.min_y).max(1.0);
        let scale = (WIDTH - 2.0 * MARGIN) / span_x;
        Frame {
            min_x: projected.min_x,
            max_y: projected.max_y,
            scale,
            height: (span_y * scale + 2.0 * MARGIN).ceil(),
        }
    }

    /// The frame as `min_x max_y scale margin`, for a script that turns clicks back into
    /// Lambert-93 coordinates.
    pub fn describe(&self) -> String {
        format!(
            "{:.1} {:.1} {:.9} {MARGIN}",
            self.min_x, self.max_y, self.scale
        )
    }

    /// Drawing coordinates of a longitude/latitude.
    pub fn to_svg(&self, point: [f64; 2]) -> [f64; 2] {
        let [x, y] = lambert93(point);
        [
            MARGIN + (x - self.min_x) * self.scale,
            MARGIN + (self.max_y - y) * self.scale,
        ]
    }

    /// The `d` attribute of a path for a geometry, simplified to about half a unit.
    pub fn path(&self, geometry: &Geometry) -> String {
        let mut d = String::new();
        for ring in geometry.rings() {
            let projected: Vec<[f64; 2]> = ring.coords().map(|p| self.to_svg([p.x, p.y])).collect();
            let simplified = simplify_ring(&projected, 0.5);
            let mut previous: Option<[i64; 2]> = None;
            for point in &simplified[..simplified.len().saturating_sub(1)] {
                let current = [point[0].round() as i64, point[1].round() as i64];
                match previous {
                    None => {
                        let _ = write!(d, "M{} {}", current[0], current[1]);
                    }
                    Some(prev) if prev != current => {
                        let (dx, dy) = (current[0] - prev[0], current[1] - prev[1]);
                        // A minus sign separates two numbers by itself (SVG path grammar).
                        let gap = if dy < 0 { "" } else { " " };
                        let _ = write!(d, "l{dx}{gap}{dy}");
                    }
                    Some(_) => continue,
                }
                previous = Some(current);
            }
            d.push('z');
        }
        d
    }
}

/// Escapes text for SVG/XML content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Shapes projected and simplified once, ready to be coloured and titled by many maps: the
/// costly part of a map, which callers keep.
pub struct Drawing {
    frame: Frame,
    paths: Vec<String>,
    outline: Option<String>,
}

impl Drawing {
    /// The drawing of these shapes, with an outline drawn on top (a process's territory, say).
    pub fn new(shapes: &[&Geometry], outline: Option<&Geometry>) -> Drawing {
        let frame = Frame::fitting(shapes.iter().copied().chain(outline));
        Drawing {
            paths: shapes.iter().map(|g| frame.path(g)).collect(),
            outline: outline.map(|g| frame.path(g)),
            frame,
        }
    }
}

/// Draws a map as a standalone `<svg>` element.
pub fn render(spec: &MapSpec, drawing: &Drawing) -> String {
    let frame = &drawing.frame;
    let mut svg = String::with_capacity(spec.shapes.len() * 400 + 1024);
    let id = escape(&spec.id);
    let interactive = spec.shapes.iter().any(|s| s.href.is_some())
        || spec.markers.iter().any(|m| m.href.is_some());
    // The legend goes under the shapes, never over them.
    let legend_height = spec
        .legend
        .as_ref()
        .map_or(0.0, |l| 62.0 + l.entries.len() as f64 * 36.0);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" id="{id}" class="map" viewBox="0 0 {WIDTH} {h}" data-frame="{frame}" role="{role}" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc><g class="map-shapes">"#,
        h = frame.height + legend_height,
        // A map whose shapes are links is a group of controls, not a single image.
        frame = frame.describe(),
        role = if interactive { "group" } else { "img" },
        title = escape(&spec.title),
        desc = escape(&spec.description),
    );
    for (shape, d) in spec.shapes.iter().zip(&drawing.paths) {
        let fill = shape
            .fill
            .as_ref()
            .map(|f| format!(r#" fill="{}""#, escape(f)))
            .unwrap_or_default();
        let path = format!(
            r#"<path d="{d}"{fill}><title>{}</title></path>"#,
            escape(&shape.title)
        );
        match &shape.href {
            Some(href) => {
                let _ = write!(svg, r#"<a href="{}">{path}</a>"#, escape(href));
            }
            None => svg.push_str(&path),
        }
    }
    svg.push_str("</g>");
    if let Some(outline) = &drawing.outline {
        let _ = write!(svg, r#"<path class="map-outline" d="{outline}"/>"#);
    }
    if !spec.markers.is_empty() {
        svg.push_str(r#"<g class="map-points">"#);
        for marker in &spec.markers {
            let [x, y] = frame.to_svg(marker.position);
            let circle = format!(
                r#"<circle cx="{x:.1}" cy="{y:.1}" r="10" fill="{}"><title>{}</title></circle>"#,
                escape(&marker.colour),
                escape(&marker.title)
            );
            match &marker.href {
                Some(href) => {
                    let _ = write!(svg, r#"<a href="{}">{circle}</a>"#, escape(href));
                }
                None => svg.push_str(&circle),
            }
        }
        svg.push_str("</g>");
    }
    if let Some(legend) = &spec.legend {
        let _ = write!(
            svg,
            r#"<g class="map-legend" transform="translate(0 {})"><rect x="8" y="0" width="400" height="{}" rx="4"/><text x="20" y="32" class="map-legend-title">{}</text>"#,
            frame.height,
            legend_height - 8.0,
            escape(&legend.title)
        );
        for (row, (colour, label)) in legend.entries.iter().enumerate() {
            let y = 50.0 + row as f64 * 36.0;
            let _ = write!(
                svg,
                r#"<rect x="20" y="{y}" width="32" height="26" fill="{}"/><text x="64" y="{}">{}</text>"#,
                escape(colour),
                y + 20.0,
                escape(label)
            );
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    svg
}

/// A sequential palette from light to dark blue-green with enough contrast between steps
/// (ColorBrewer GnBu, 5 classes).
pub const PALETTE: [&str; 5] = ["#e0f3db", "#a8ddb5", "#7bccc4", "#43a2ca", "#0868ac"];

/// Class breaks for a choropleth: up to `classes` ranges by quantile, as `(low, high)` pairs
/// that cover every value; fewer when values repeat.
pub fn quantile_breaks(values: &[f64], classes: usize) -> Vec<(f64, f64)> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.is_empty() || classes == 0 {
        return Vec::new();
    }
    sorted.sort_by(f64::total_cmp);
    let mut breaks: Vec<(f64, f64)> = Vec::new();
    let mut low = sorted[0];
    for class in 1..=classes {
        let index = ((sorted.len() * class).div_ceil(classes)).saturating_sub(1);
        let high = sorted[index.min(sorted.len() - 1)];
        if breaks.last().is_some_and(|(_, h)| *h >= high) {
            continue;
        }
        breaks.push((low, high));
        low = high;
    }
    breaks
}

/// The class of a value among breaks (the first range whose high end holds it).
pub fn class_of(value: f64, breaks: &[(f64, f64)]) -> usize {
    breaks
        .iter()
        .position(|(_, high)| value <= *high)
        .unwrap_or(breaks.len().saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64, y: f64) -> Geometry {
        Geometry::rectangle([x, y], [x + 0.1, y + 0.1])
    }

    #[test]
    fn draws_one_titled_path_per_shape_with_links_points_and_legend() {
        let (a, b) = (square(6.8, 47.6), square(6.9, 47.6));
        let drawing = Drawing::new(&[&a, &b], None);
        let spec = MapSpec {
            title: "Carte <test>".into(),
            description: "Deux communes".into(),
            shapes: vec![
                Shape {
                    title: "Commune A".into(),
                    href: Some("/territoires/1".into()),
                    fill: Some(PALETTE[0].into()),
                },
                Shape {
                    title: "Commune B & co".into(),
                    href: None,
                    fill: None,
                },
            ],
            markers: vec![Marker {
                position: [6.85, 47.65],
                title: "Un besoin".into(),
                href: None,
                colour: "#c00".into(),
            }],
            legend: Some(Legend {
                title: "Besoins".into(),
                entries: vec![(PALETTE[0].into(), "0 à 3".into())],
            }),
            id: "carte".into(),
        };
        let svg = render(&spec, &drawing);
        assert_eq!(svg.matches("<path").count(), 2);
        assert!(svg.contains("<title>Commune B &amp; co</title>"));
        assert!(svg.contains("Carte &lt;test&gt;"));
        assert!(svg.contains(r#"<a href="/territoires/1">"#));
        assert_eq!(svg.matches("<circle").count(), 1);
        assert!(svg.contains("0 à 3"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(
            svg.contains(r#"role="group""#),
            "links inside: a group, not an image"
        );
    }

    #[test]
    fn paths_drop_the_space_before_a_minus_and_read_back_to_the_same_points() {
        let (a, b) = (square(6.8, 47.6), square(6.9, 47.7));
        let drawing = Drawing::new(&[&a, &b], None);
        let d = drawing.frame.path(&a);
        assert!(!d.contains(" -"), "{d}");
        // Read back: absolute start, then relative steps, around to the start.
        let numbers: Vec<i64> = d
            .replace(['M', 'l', 'z'], " ")
            .replace('-', " -")
            .split_whitespace()
            .map(|n| n.parse().unwrap())
            .collect();
        assert_eq!(numbers.len() % 2, 0, "{d}");
        let steps: Vec<[i64; 2]> = numbers[2..].chunks(2).map(|c| [c[0], c[1]]).collect();
        assert_eq!(steps.len(), 3, "a square: three steps and the close, {d}");
        let width: i64 = steps.iter().map(|s| s[0].abs()).sum::<i64>() / 2;
        let height: i64 = steps.iter().map(|s| s[1].abs()).sum::<i64>() / 2;
        assert!(width > 0 && height > 0, "{d}");
        assert!(
            steps.iter().any(|s| s[0] < 0 || s[1] < 0),
            "a closed ring goes back: {d}"
        );
    }

    #[test]
    fn quantile_breaks_cover_all_values() {
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        let breaks = quantile_breaks(&values, 5);
        assert_eq!(breaks.len(), 5);
        assert_eq!(breaks[0].0, 1.0);
        assert_eq!(breaks[4].1, 100.0);
        assert_eq!(class_of(1.0, &breaks), 0);
        assert_eq!(class_of(100.0, &breaks), 4);
        let same = quantile_breaks(&[3.0, 3.0, 3.0], 5);
        assert_eq!(same, vec![(3.0, 3.0)]);
    }
}
