//! Forms that send a file (`multipart/form-data`): read whole, within the body limit the
//! router sets, after the handler has checked who may send it.

use axum::extract::Multipart;

use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;

/// A submitted multipart form: its text fields and its files.
#[derive(Debug, Default)]
pub struct Upload {
    fields: Vec<(String, String)>,
    files: Vec<(String, Vec<u8>)>,
}

impl Upload {
    /// Reads every part of the form; a body that is not a well-formed multipart form is the
    /// sender's mistake (400).
    pub async fn read(mut multipart: Multipart) -> AppResult<Upload> {
        let mut upload = Upload::default();
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|_| AppError::BadRequest)?
        {
            let name = field.name().unwrap_or_default().to_owned();
            if field.file_name().is_some() || name == "file" {
                let bytes = field.bytes().await.map_err(|_| AppError::BadRequest)?;
                upload.files.push((name, bytes.to_vec()));
            } else {
                let text = field.text().await.map_err(|_| AppError::BadRequest)?;
                upload.fields.push((name, text.trim().to_owned()));
            }
        }
        Ok(upload)
    }

    /// A text field, trimmed; empty when absent.
    pub fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, value)| value.as_str())
    }

    /// A file's bytes; empty when no file was chosen.
    pub fn file(&self, name: &str) -> &[u8] {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map_or(&[][..], |(_, bytes)| bytes.as_slice())
    }

    /// A file read as UTF-8 text, or what to say next to its field: none chosen (or empty),
    /// or in another encoding.
    pub fn text_file(&self, name: &str, tr: Tr) -> Result<&str, String> {
        match std::str::from_utf8(self.file(name)) {
            Ok(text) if !text.trim().is_empty() => Ok(text),
            Ok(_) => Err(tr.t("import-file-required")),
            Err(_) => Err(tr.t("import-not-utf8")),
        }
    }
}
