//! What an upload may be: a picture (JPEG, PNG or WebP, re-encoded) or, where a document is
//! welcome, a PDF, and where any document is, an OpenDocument or Office Open XML file too;
//! their sizes; a description for every picture (its alternative text). What a file is, is
//! read from its bytes, never from its name or the type the browser declares.

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
    /// A picture, a PDF, or an OpenDocument or Office Open XML document (a model to copy).
    AnyDocument,
}

/// What the upload is, judged from its first bytes (never from its name or declared type).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    /// A PDF document.
    Pdf,
    /// An office document, with its media type.
    Office(&'static str),
    /// Anything else: tried as a picture.
    Other,
}

/// Sniffs an upload.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"%PDF-") {
        Sniffed::Pdf
    } else if let Some(media_type) = office_type(bytes) {
        Sniffed::Office(media_type)
    } else {
        Sniffed::Other
    }
}

/// The OpenDocument media types Concerto keeps.
const OPEN_DOCUMENT: [&str; 3] = [
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
];

/// Office Open XML: the main part each kind holds, and its media type.
const OFFICE_OPEN_XML: [(&[u8], &str); 3] = [
    (
        b"word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        b"xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (
        b"ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
];

/// The media type of an office document, read from its ZIP container: an OpenDocument
/// file's first entry is `mimetype`, stored uncompressed, holding its type (ODF 1.2, part 3,
/// 3.3); an Office Open XML package names its main part (ECMA-376, part 2).
fn office_type(bytes: &[u8]) -> Option<&'static str> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    let short = |at: usize| -> Option<usize> {
        Some(usize::from(u16::from_le_bytes([
            *bytes.get(at)?,
            *bytes.get(at + 1)?,
        ])))
    };
    let (name_length, extra_length) = (short(26)?, short(28)?);
    let name = bytes.get(30..30 + name_length)?;
    if name == b"mimetype" {
        let start = 30 + name_length + extra_length;
        let content = bytes.get(start..start + 60.min(bytes.len() - start))?;
        return OPEN_DOCUMENT
            .iter()
            .find(|t| content.starts_with(t.as_bytes()))
            .copied();
    }
    let names = |part: &[u8]| bytes.windows(part.len()).any(|w| w == part);
    if !names(b"[Content_Types].xml") {
        return None;
    }
    OFFICE_OPEN_XML
        .iter()
        .find(|(part, _)| names(part))
        .map(|(_, media_type)| *media_type)
}

/// Why an upload is refused: the message key to show next to its field.
pub fn refusal_message(refusal: imagekit::Refusal, accepted: Accepted) -> &'static str {
    match (refusal, accepted) {
        (imagekit::Refusal::Empty, _) => "error-upload-empty",
        (imagekit::Refusal::TooLarge, _) => "error-upload-too-large",
        (imagekit::Refusal::TooManyPixels, _) => "error-image-too-many-pixels",
        (imagekit::Refusal::NotAnImage, Accepted::Picture) => "error-not-an-image",
        (imagekit::Refusal::NotAnImage, Accepted::PictureOrDocument) => "error-not-an-image-or-pdf",
        (imagekit::Refusal::NotAnImage, Accepted::AnyDocument) => "error-not-a-document",
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

    /// A ZIP local file header for `name` stored uncompressed with `content`.
    fn zip_entry(name: &[u8], content: &[u8]) -> Vec<u8> {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend([0u8; 22]);
        bytes.extend((name.len() as u16).to_le_bytes());
        bytes.extend(0u16.to_le_bytes());
        bytes.extend(name);
        bytes.extend(content);
        bytes
    }

    #[test]
    fn office_documents_are_known_by_their_container_not_their_name() {
        let odt = zip_entry(b"mimetype", b"application/vnd.oasis.opendocument.textPK");
        assert_eq!(
            sniff(&odt),
            Sniffed::Office("application/vnd.oasis.opendocument.text")
        );
        let mut docx = zip_entry(b"[Content_Types].xml", b"<Types/>");
        docx.extend(zip_entry(b"word/document.xml", b"<w:document/>"));
        assert_eq!(
            sniff(&docx),
            Sniffed::Office(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            )
        );
        let other_zip = zip_entry(b"photo.jpg", b"\xFF\xD8");
        assert_eq!(
            sniff(&other_zip),
            Sniffed::Other,
            "a ZIP that is no document"
        );
        let odf_of_another_kind = zip_entry(b"mimetype", b"application/x-shockwave");
        assert_eq!(sniff(&odf_of_another_kind), Sniffed::Other);
        assert_eq!(sniff(b"<html><script>"), Sniffed::Other);
    }
}
