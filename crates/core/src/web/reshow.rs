// SPDX-License-Identifier: AGPL-3.0-only
//! A form that lives on a page the server draws (a method's panel on the project page, its part
//! of the project's page in the back office) and was refused: the module's handler answers with
//! a [`Reshow`], and the server draws that page again with the error where the form was.
use std::sync::Arc;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::{CoreError, CoreResult};

/// The pages the server draws and methods add panels to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPage {
    /// The project's public page, by slug.
    Project(String),
    /// The project's page in the back office, by id.
    AdminProject(i32),
}

#[derive(Debug, Clone)]
pub struct Reshow {
    pub page: HostPage,
    pub error: Arc<CoreError>,
    /// The page's query string (without `?`): the list a panel's form was on.
    pub query: String,
}

impl Reshow {
    pub fn new(page: HostPage, error: CoreError) -> Self {
        Self { page, error: Arc::new(error), query: String::new() }
    }

    /// The page is drawn again at `query`, the list the form came from.
    pub fn on_list(mut self, query: String) -> Self {
        self.query = query;
        self
    }
}

impl IntoResponse for Reshow {
    /// An empty answer carrying the page to draw again; the server's renderer replaces it.
    fn into_response(self) -> Response {
        let mut response = StatusCode::UNPROCESSABLE_ENTITY.into_response();
        response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
        response.extensions_mut().insert(self);
        response
    }
}

/// After a form of a method's part of a project's back-office page: back to that page, or the
/// page again with the error.
pub fn back_to_admin_project(project: i32, result: CoreResult<()>) -> Response {
    match result {
        Ok(()) => super::see_other(&format!("/admin/projects/{project}")),
        Err(e) => Reshow::new(HostPage::AdminProject(project), e).into_response(),
    }
}
