// SPDX-License-Identifier: AGPL-3.0-only
//! Why a page could not be shown. Page handlers return `Result<Response, PageError>` and use
//! `?` on service calls: nothing fails into an empty page, and every failure of the server is
//! logged with the request's id, which the visitor sees as a reference.
//!
//! Like [`super::Page`], the answer is empty and carries a [`FailedPage`] in its extensions;
//! the server's renderer turns that into the page in the site's layout and language (the
//! sign-in redirect back to the request's address, the request id on a failure).
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sea_orm::DbErr;

use crate::CoreError;
use crate::permissions::Denial;

/// Why a page could not be shown.
#[derive(Debug)]
pub enum PageError {
    /// 404: nothing here, or nothing this visitor may know of.
    NotFound,
    /// The visitor must sign in first; afterwards they come back to this address.
    SignIn,
    /// 403: signed in, but not allowed.
    Forbidden,
    /// 400 (429 when throttled): the request asks for something the rules refuse; the page
    /// says which rule, in words.
    Refused(CoreError),
    /// The server could not serve the request: 503 while the database is out of reach, 500
    /// otherwise. Logged with the request id.
    Failed(CoreError),
}

impl From<CoreError> for PageError {
    fn from(e: CoreError) -> Self {
        match e {
            // A phase of another method (`not_a_poll_phase`…) is nothing at that address.
            CoreError::Field { code, .. } if code.starts_with("not_a_") => PageError::NotFound,
            CoreError::NotFound(_)
            | CoreError::UnknownFeature(_)
            | CoreError::FeatureDisabled(_)
            | CoreError::FeatureNotAllowed { .. } => PageError::NotFound,
            CoreError::NotSignedIn | CoreError::Denied(Denial::NotSignedIn) => PageError::SignIn,
            CoreError::Forbidden | CoreError::Denied(_) | CoreError::Blocked => PageError::Forbidden,
            CoreError::Database(_) | CoreError::LicenseRefused(_) => PageError::Failed(e),
            CoreError::Invalid { .. }
            | CoreError::Field { .. }
            | CoreError::Answer { .. }
            | CoreError::Answers(_)
            | CoreError::InvalidCredentials
            | CoreError::Throttled { .. }
            | CoreError::TokenInvalid => PageError::Refused(e),
        }
    }
}

impl From<DbErr> for PageError {
    fn from(e: DbErr) -> Self {
        CoreError::from(e).into()
    }
}

/// What kind of page the renderer shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    NotFound,
    SignIn,
    Forbidden,
    Refused,
    Failed,
}

/// The failure as the server's renderer reads it from the answer's extensions.
#[derive(Debug, Clone)]
pub struct FailedPage {
    pub kind: FailureKind,
    pub status: StatusCode,
    /// The error's code (`error-<code>` is its translation).
    pub code: &'static str,
    /// For the log only: what went wrong, never shown to the visitor.
    pub detail: String,
}

impl PageError {
    /// What the renderer needs to show it.
    pub fn failed_page(&self) -> FailedPage {
        let (kind, status, error) = match self {
            PageError::NotFound => (FailureKind::NotFound, StatusCode::NOT_FOUND, None),
            PageError::SignIn => (FailureKind::SignIn, StatusCode::SEE_OTHER, None),
            PageError::Forbidden => (FailureKind::Forbidden, StatusCode::FORBIDDEN, None),
            PageError::Refused(e @ CoreError::Throttled { .. }) => {
                (FailureKind::Refused, StatusCode::TOO_MANY_REQUESTS, Some(e))
            }
            PageError::Refused(e) => (FailureKind::Refused, StatusCode::BAD_REQUEST, Some(e)),
            PageError::Failed(e) => (FailureKind::Failed, failure_status(e), Some(e)),
        };
        FailedPage {
            kind,
            status,
            code: error.map_or("", CoreError::code),
            detail: error.map(|e| format!("{e}: {e:?}")).unwrap_or_default(),
        }
    }
}

/// 503 when the database could not be reached (the visitor may try again), else 500.
fn failure_status(e: &CoreError) -> StatusCode {
    match e {
        CoreError::Database(DbErr::ConnectionAcquire(_) | DbErr::Conn(_)) => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl IntoResponse for PageError {
    /// An empty answer carrying the failure; the server's renderer fills in the page. Without
    /// it (a router used on its own) the answer stays empty with the failure's status.
    fn into_response(self) -> Response {
        let failed = self.failed_page();
        let mut response = failed.status.into_response();
        response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
        response.extensions_mut().insert(failed);
        response
    }
}

/// A page handler's answer.
pub type PageResult = Result<Response, PageError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_errors_become_the_page_a_visitor_should_see() {
        let status = |e: CoreError| PageError::from(e).failed_page().status;
        assert_eq!(status(CoreError::NotFound("idea")), StatusCode::NOT_FOUND);
        assert_eq!(status(CoreError::NotSignedIn), StatusCode::SEE_OTHER);
        assert_eq!(status(CoreError::Denied(Denial::PhaseNotActive)), StatusCode::FORBIDDEN);
        assert_eq!(status(CoreError::Field { field: "basket", code: "over_budget" }), StatusCode::BAD_REQUEST);
        assert_eq!(status(CoreError::Field { field: "phase", code: "not_a_poll_phase" }), StatusCode::NOT_FOUND);
        assert_eq!(status(CoreError::Throttled { retry_after_secs: 3 }), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(status(CoreError::Database(DbErr::Custom("x".into()))), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn a_failure_keeps_its_detail_for_the_log_and_its_code_for_the_page() {
        let failed = PageError::Failed(CoreError::Database(DbErr::Custom("disk I/O error".into()))).failed_page();
        assert_eq!(failed.code, "internal");
        assert!(failed.detail.contains("disk I/O error"));
        let response = PageError::NotFound.into_response();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert!(response.extensions().get::<FailedPage>().is_some());
    }
}
