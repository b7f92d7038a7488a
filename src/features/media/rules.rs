//! What an upload may be: a picture (JPEG, PNG or WebP, re-encoded) or, where a document is
//! welcome, a PDF; their sizes; a description for every picture (its alternative text).

/// Largest upload, picture or document, in bytes (below the router's body limit).
pub const MAX_UPLOAD_BYTES: usize = 8 * 1024 * 1024;
/// Longest side of a stored picture, in pixels.
pub const MAX_STORED_SIDE: u32 = 1_600;
/// Longest description.
pub const MAX_DESCRIPTION_CHARS: usize = 300;
/// Longest file name kept.
const MAX_FILE_NAME_CHARS: usize = 120;

/// What a form accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accepted {
    /// A picture only.
    Picture,
    /// A picture or a PDF document.
    PictureOrDocument,
}

/// What the upload is, judged from its first bytes (never from its name or declared type).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    /// A PDF document.
    Pdf,
    /// Anything else: tried as a picture.
    Other,
}

/// Sniffs an upload.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"%PDF-") {
        Sniffed::Pdf
    } else {
        Sniffed::Other
    }
}

/// Why an upload is refused: the message key to show next to its field.
pub fn refusal_message(refusal: imagekit::Refusal, accepted: Accepted) -> &'static str {
    match (refusal, accepted) {
        (imagekit::Refusal::Empty, _) => "error-upload-empty",
        (imagekit::Refusal::TooLarge, _) => "error-upload-too-large",
        (imagekit::Refusal::TooManyPixels, _) => "error-image-too-many-pixels",
        (imagekit::Refusal::NotAnImage, Accepted::Picture) => "error-not-an-image",
        (imagekit::Refusal::NotAnImage, Accepted::PictureOrDocument) => "error-not-an-image-or-pdf",
    }
}

/// A file name as kept and offered back: its last path part, without control characters or
/// quotes, within a length; `document.pdf` when nothing is left.
pub fn clean_file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\'' | ';'))
        .take(MAX_FILE_NAME_CHARS)
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() || cleaned.starts_with('.') {
        "document.pdf".to_owned()
    } else {
        cleaned.to_owned()
    }
}

/// The `Content-Disposition` a document is offered with: as a download, under its name
/// (RFC 6266: an ASCII fallback and the UTF-8 name percent-encoded).
pub fn disposition(file_name: &str) -> String {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_paths_and_quotes_and_are_offered_in_both_forms() {
        assert_eq!(
            clean_file_name("C:\\docs\\Compte rendu.pdf"),
            "Compte rendu.pdf"
        );
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\"b\r\n.pdf"), "ab.pdf");
        assert_eq!(clean_file_name(".htaccess"), "document.pdf");
        assert_eq!(
            disposition("Réunion 1.pdf"),
            "attachment; filename=\"R_union 1.pdf\"; filename*=UTF-8''R%C3%A9union%201.pdf"
        );
        assert_eq!(sniff(b"%PDF-1.7\n"), Sniffed::Pdf);
        assert_eq!(sniff(b"\xFF\xD8\xFF"), Sniffed::Other);
    }
}
