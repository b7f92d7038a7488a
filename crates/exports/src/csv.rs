//! CSV that opens with its accents intact in LibreOffice and Excel: UTF-8 with a byte-order
//! mark, `;` between fields (what French spreadsheets expect), CRLF line ends, fields quoted
//! when they hold a separator, a quote or a line break.

/// Writes a header and rows.
pub fn write(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = String::from('\u{feff}');
    push_row(&mut out, header.iter().map(|h| h.to_string()));
    for row in rows {
        push_row(&mut out, row.into_iter());
    }
    out
}

fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(';');
        }
        // A leading = + - @ would run as a formula in a spreadsheet: neutralise it.
        let field = if field.starts_with(['=', '+', '-', '@']) && field.parse::<f64>().is_err() {
            format!("'{field}")
        } else {
            field
        };
        if field.contains([';', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_what_needs_it_and_starts_with_a_bom() {
        let text = write(
            &["titre", "texte"],
            vec![
                vec!["École".into(), "a;b \"c\"\nd".into()],
                vec!["=1+1".into(), "-3".into()],
            ],
        );
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("École;\"a;b \"\"c\"\"\nd\"\r\n"));
        assert!(text.contains("'=1+1;-3\r\n"));
    }
}
