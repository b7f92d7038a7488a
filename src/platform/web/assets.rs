//! Static files (our CSS and small scripts), embedded in the binary and served with a content
//! hash in their URL so browsers may cache them for a year.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::platform::Platform;
use crate::platform::error::AppError;

/// One embedded file.
pub struct Asset {
    /// Name under `/static/`.
    pub name: &'static str,
    /// MIME type.
    pub content_type: &'static str,
    /// Content.
    pub bytes: &'static [u8],
    /// First 16 hex digits of its SHA-256, for cache busting.
    pub hash: String,
}

/// Every embedded file.
pub struct Assets {
    files: Vec<Asset>,
}

const FILES: [(&str, &str, &[u8]); 4] = [
    (
        "map.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../static/map.js"),
    ),
    (
        "wall.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../static/wall.js"),
    ),
    (
        "concerto.css",
        "text/css; charset=utf-8",
        include_bytes!("../../../static/concerto.css"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../../../static/favicon.svg"),
    ),
];

impl Assets {
    /// The files compiled into the binary.
    pub fn embedded() -> Assets {
        let files = FILES
            .iter()
            .map(|(name, content_type, bytes)| Asset {
                name,
                content_type,
                bytes,
                hash: crate::platform::secrets::token_digest_bytes(bytes)[..16].to_owned(),
            })
            .collect();
        Assets { files }
    }

    /// The URL of a file, with its hash.
    pub fn url(&self, name: &str) -> String {
        match self.files.iter().find(|f| f.name == name) {
            Some(file) => format!("/static/{}?v={}", file.name, file.hash),
            None => format!("/static/{name}"),
        }
    }

    fn get(&self, name: &str) -> Option<&Asset> {
        self.files.iter().find(|f| f.name == name)
    }
}

/// Serves `/static/{name}`.
pub async fn serve(
    State(state): State<Platform>,
    Path(name): Path<String>,
) -> Result<Response, AppError> {
    let asset = state.assets.get(&name).ok_or(AppError::NotFound)?;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, asset.content_type),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        asset.bytes,
    )
        .into_response())
}
