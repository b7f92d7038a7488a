//! Markdown written by managers (process descriptions), turned into safe HTML: raw HTML is
//! shown as text, links keep only http(s), mailto and local targets, and images become their
//! alternative text, since no page may load anything from another host.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

/// Renders Markdown to sanitised HTML.
pub fn to_safe_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = if safe_target(&dest_url) {
                dest_url
            } else {
                "#".into()
            };
            Some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

fn safe_target(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || (lower.starts_with('/') && !lower.starts_with("//"))
        || lower.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_markdown() {
        let html = to_safe_html("## Objectifs\n\n*Écouter* les **habitants**.\n\n- un\n- deux");
        assert!(html.contains("<h2>Objectifs</h2>"));
        assert!(html.contains("<em>Écouter</em>") && html.contains("<strong>habitants</strong>"));
        assert!(html.contains("<li>un</li>"));
    }

    #[test]
    fn neutralises_html_scripts_and_remote_images() {
        let html = to_safe_html(
            "<script>alert(1)</script>\n\nTexte <img src=x onerror=alert(1)>\n\n[lien](javascript:alert(1)) ![carte](https://tiers.example/x.png)",
        );
        assert!(!html.contains("<script>"));
        assert!(!html.contains("<img"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("href=\"#\""));
        assert!(!html.contains("tiers.example"));
        assert!(html.contains("carte"));
        assert!(to_safe_html("[ok](https://exemple.fr)").contains("href=\"https://exemple.fr\""));
    }
}
