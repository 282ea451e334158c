// SPDX-License-Identifier: AGPL-3.0-only
//! Files in and out of pages: one file of a multipart form, a download, a stored picture.
use axum::body::{Body, Bytes};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The bytes of the form's field `name`, if it carries a non-empty file.
pub async fn single_file(mut form: axum::extract::Multipart, name: &str) -> Option<Vec<u8>> {
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some(name) {
            return field.bytes().await.ok().map(|b| b.to_vec()).filter(|b| !b.is_empty());
        }
    }
    None
}

/// A file to save as `file_name` (plain ASCII) rather than show.
pub fn download(content_type: &str, file_name: &str, body: impl Into<Body>) -> Response {
    let disposition = format!("attachment; filename=\"{file_name}\"");
    ([(header::CONTENT_TYPE, content_type.to_owned()), (header::CONTENT_DISPOSITION, disposition)], body.into())
        .into_response()
}

/// A download's pieces as a response body, each sent as it is read; a failure mid-way ends the
/// body with an error, so the client sees an incomplete download instead of a silently short
/// file.
pub fn chunked(source: impl crate::ChunkSource) -> Body {
    let chunks = futures_util::stream::unfold(Some(source), |state| async move {
        let mut source = state?;
        match source.next_chunk().await {
            Ok(Some(chunk)) => Some((Ok(Bytes::from(chunk)), Some(source))),
            Ok(None) => None,
            Err(e) => {
                tracing::error!(error = %e, "a download failed part-way");
                Some((Err(std::io::Error::other("the download failed")), None))
            }
        }
    });
    Body::from_stream(chunks)
}

/// An uploaded picture, or 404. Their keys are random and never reused, so they are cached for
/// a year.
pub fn picture(bytes: Option<Vec<u8>>, content_type: &'static str) -> Response {
    match bytes {
        Some(bytes) => {
            let headers =
                [(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=31536000, immutable")];
            (headers, bytes).into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
