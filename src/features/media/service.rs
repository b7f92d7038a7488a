//! Taking an upload in: judged by its bytes, a picture re-encoded on a blocking thread (decoding
//! is heavy), a PDF kept as sent, then stored.

use crate::features::media::rules::{self, Accepted, Sniffed};
use crate::features::media::store::{self, NewMedia};
use crate::platform::error::{AppError, AppResult};
use crate::state::AppState;

/// An upload as a form sent it.
#[derive(Clone, Copy, Debug)]
pub struct Sent<'a> {
    /// Its bytes.
    pub bytes: &'a [u8],
    /// The name the browser gave.
    pub file_name: &'a str,
    /// The description typed beside it.
    pub description: &'a str,
}

/// Keeps an upload for a process (none: a public file, such as a logo). `Ok(Err(key))`: refused, with the message key to show next
/// to its field; nothing is kept.
pub async fn keep(
    state: &AppState,
    process_id: Option<i64>,
    uploader: i64,
    sent: Sent<'_>,
    accepted: Accepted,
) -> AppResult<Result<i64, &'static str>> {
    let file_name = rules::clean_file_name(sent.file_name);
    let description = if sent.description.is_empty() {
        file_name.as_str()
    } else {
        sent.description
    };
    let mut media = NewMedia {
        process_id,
        media_type: "application/pdf",
        file_name: &file_name,
        description,
        bytes: sent.bytes,
        size: None,
        uploaded_by: uploader,
    };
    let document = match (accepted, rules::sniff(sent.bytes)) {
        (Accepted::Picture, _) => None,
        (_, Sniffed::Pdf) => Some("application/pdf"),
        (Accepted::AnyDocument, Sniffed::Office(media_type)) => Some(media_type),
        _ => None,
    };
    if let Some(media_type) = document {
        if sent.bytes.len() > rules::MAX_UPLOAD_BYTES {
            return Ok(Err("error-upload-too-large"));
        }
        media.media_type = media_type;
        return Ok(Ok(store::insert(&state.db, &media).await?));
    }
    let upload = sent.bytes.to_vec();
    let bounds = imagekit::Bounds {
        max_bytes: rules::MAX_UPLOAD_BYTES,
        max_stored_side: rules::MAX_STORED_SIDE,
        ..imagekit::Bounds::default()
    };
    let encoded = tokio::task::spawn_blocking(move || imagekit::reencode(&upload, bounds))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let picture = match encoded {
        Ok(picture) => picture,
        Err(refusal) => return Ok(Err(rules::refusal_message(refusal, accepted))),
    };
    media.media_type = picture.media_type;
    media.bytes = &picture.bytes;
    media.size = Some((picture.width, picture.height));
    Ok(Ok(store::insert(&state.db, &media).await?))
}
