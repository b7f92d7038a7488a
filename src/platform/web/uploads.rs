//! Forms that send a file (`multipart/form-data`): read whole, within the body limit the
//! router sets, after the handler has checked who may send it.

use axum::Form;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;

use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::web::forms::Pairs;

/// A submitted multipart form: its text fields and its files.
#[derive(Debug, Default)]
pub struct Upload {
    fields: Vec<(String, String)>,
    files: Vec<(String, Vec<u8>)>,
    file_names: Vec<(String, String)>,
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
                let file_name = field.file_name().unwrap_or_default().to_owned();
                upload.file_names.push((name.clone(), file_name));
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

    /// The text fields, for a form shown again with its errors.
    pub fn pairs(&self) -> Pairs {
        Pairs(self.fields.clone())
    }

    /// The name the browser gave a file; empty when none.
    pub fn file_name(&self, name: &str) -> &str {
        self.file_names
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, file_name)| file_name.as_str())
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

/// A form as it came: url-encoded (no file chosen, or no script) or multipart, read the same
/// way, so a form that may carry a file has one handler.
#[derive(Debug)]
pub struct Submitted(pub Upload);

impl<S: Send + Sync> FromRequest<S> for Submitted {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let multipart = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("multipart/form-data"));
        if multipart {
            let parts = Multipart::from_request(request, state)
                .await
                .map_err(|_| AppError::BadRequest)?;
            return Ok(Submitted(Upload::read(parts).await?));
        }
        let Form(fields) = Form::<Vec<(String, String)>>::from_request(request, state)
            .await
            .map_err(|_| AppError::BadRequest)?;
        Ok(Submitted(Upload {
            fields,
            ..Upload::default()
        }))
    }
}
