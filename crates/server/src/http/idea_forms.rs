// SPDX-License-Identifier: AGPL-3.0-only
//! Posting and editing ideas with plain multipart forms: text, topics, area, address, pictures
//! and attachments in one submission. A refused form comes back filled in, with the error next
//! to its field; files must be chosen again (browsers never keep them).
use axum::Extension;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::Value;
use townhall_core::actor::ClientAddr;
use townhall_core::modules::ideas::{FileKind, IdeaInput, Location, Upload};
use townhall_core::web::{PageError, PageResult};
use townhall_core::{CoreError, Platform};

use super::AppState;
use super::forms::error_value;
use crate::ui::Ctx;

/// Idea forms may carry several pictures and documents.
pub const IDEA_UPLOAD_LIMIT_BYTES: usize = 30 * 1024 * 1024;

/// What an idea form sent.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct IdeaForm {
    pub title: String,
    pub body: String,
    pub topics: Vec<i32>,
    pub area: Option<i32>,
    pub address: String,
    pub draft: bool,
    #[serde(skip)]
    pub uploads: Vec<Upload>,
    #[serde(skip)]
    pub remove: Vec<i32>,
}

impl IdeaForm {
    pub async fn read(mut form: Multipart) -> Result<IdeaForm, CoreError> {
        let mut out = IdeaForm::default();
        let broken = || CoreError::Field { field: "images", code: "upload_broken" };
        while let Some(field) = form.next_field().await.map_err(|_| broken())? {
            let name = field.name().unwrap_or_default().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let bytes = field.bytes().await.map_err(|_| broken())?;
            let text = || String::from_utf8_lossy(&bytes).into_owned();
            match name.as_str() {
                "title" => out.title = text(),
                "body" => out.body = text(),
                "topics" => out.topics.extend(text().parse::<i32>().ok()),
                "area" => out.area = text().parse().ok(),
                "address" => out.address = text(),
                "draft" => out.draft = text() == "yes",
                "remove_file" => out.remove.extend(text().parse::<i32>().ok()),
                "images" | "attachments" if !bytes.is_empty() => {
                    let kind = if name == "images" { FileKind::Image } else { FileKind::Attachment };
                    out.uploads.push(Upload { kind, name: file_name.unwrap_or_default(), bytes: bytes.to_vec() });
                }
                _ => {}
            }
        }
        Ok(out)
    }

    pub fn input(&self) -> IdeaInput {
        let address = Some(self.address.clone()).filter(|a| !a.trim().is_empty());
        IdeaInput {
            title: self.title.clone(),
            body: self.body.clone(),
            topic_ids: self.topics.clone(),
            area_id: self.area,
            location: address.map(|a| Location { address: Some(a), ..Location::default() }),
            draft: self.draft,
        }
    }
}

/// The choices an idea form offers: topics, areas and the file limits.
async fn idea_form_options(platform: &Platform, locale: &str) -> Result<Value, CoreError> {
    Ok(Value::from_serialize(townhall_core::modules::ideas::pages::form_options(platform, locale).await?))
}

pub async fn post(
    State(state): State<AppState>,
    req: Ctx,
    client: Option<Extension<ClientAddr>>,
    Path(phase_id): Path<i32>,
    form: Multipart,
) -> PageResult {
    let form = IdeaForm::read(form).await;
    let result = match &form {
        Ok(f) => state.platform.post_idea_with_files(&req.actor, phase_id, f.input(), f.uploads.clone()).await,
        Err(e) => Err(CoreError::Field { field: "images", code: e.code() }),
    };
    match result {
        Ok(saved) => Ok(Redirect::to(&format!("/ideas/{}", saved.id)).into_response()),
        Err(e) => {
            let slug = state.platform.project_slug_of_phase(phase_id).await?.ok_or(PageError::NotFound)?;
            let client = client.map(|Extension(c)| c);
            // A form that could not be read has nothing to fill in again; its error says why.
            let form = form.unwrap_or_default();
            let form = serde_json::to_value(&form).unwrap_or_default();
            let refused = super::projects::RefusedForm { phase_id, form: &form, error: &e };
            Ok(super::projects::render_refused(&state, &req, client.as_ref(), &slug, refused).await)
        }
    }
}

pub async fn edit_page(State(state): State<AppState>, req: Ctx, Path(id): Path<i32>) -> PageResult {
    render_edit(&state, &req, id, None, None).await
}

async fn render_edit(
    state: &AppState,
    req: &Ctx,
    id: i32,
    form: Option<&IdeaForm>,
    error: Option<&CoreError>,
) -> PageResult {
    let p = &state.platform;
    let view = p.idea_by_id(&req.actor, id).await?.ok_or(PageError::NotFound)?;
    if !p.may_change_idea(&req.actor, id).await {
        return Err(PageError::NotFound);
    }
    let topics = p.idea_topic_ids(id).await?;
    let files = p.idea_files(&[id]).await?;
    let current = IdeaForm {
        title: view.idea.title.clone(),
        body: view.idea.body.clone(),
        topics,
        area: view.idea.area_id,
        address: view.idea.location_address.clone().unwrap_or_default(),
        ..IdeaForm::default()
    };
    let ctx = minijinja::context! {
        idea => minijinja::context! { id => id, title => view.idea.title.clone() },
        form => Value::from_serialize(form.unwrap_or(&current)),
        options => idea_form_options(p, req.locale.code).await?,
        files => files.iter().map(|f| minijinja::context! {
            id => f.id, name => f.name.clone(), kind => f.kind.clone(), url => format!("/files/{}", f.key),
        }).collect::<Vec<_>>(),
        error => error.map(error_value),
    };
    Ok(state.ui.page(p, req, "idea_edit.html", ctx).await)
}

pub async fn edit(State(state): State<AppState>, req: Ctx, Path(id): Path<i32>, form: Multipart) -> PageResult {
    let form = match IdeaForm::read(form).await {
        Ok(f) => f,
        Err(e) => return render_edit(&state, &req, id, None, Some(&e)).await,
    };
    let p = &state.platform;
    match p.update_idea_with_files(&req.actor, id, form.input(), form.uploads.clone(), &form.remove).await {
        Ok(_) => Ok(Redirect::to(&format!("/ideas/{id}")).into_response()),
        Err(e) => render_edit(&state, &req, id, Some(&form), Some(&e)).await,
    }
}

pub async fn publish(State(state): State<AppState>, req: Ctx, Path(id): Path<i32>) -> Response {
    match state.platform.publish_idea(&req.actor, id).await {
        Ok(_) => Redirect::to(&format!("/ideas/{id}")).into_response(),
        Err(e) => super::ideas::render(&state, &req, id, Some((super::ideas::Section::Follow, &e))).await,
    }
}

pub async fn delete(State(state): State<AppState>, req: Ctx, Path(id): Path<i32>) -> PageResult {
    // Where to go afterwards; an idea this person cannot see is refused by the deletion below.
    let project = match state.platform.idea_by_id(&req.actor, id).await? {
        Some(v) => state.platform.project_slug_of_phase(v.idea.phase_id).await?,
        None => None,
    };
    match state.platform.delete_idea(&req.actor, id).await {
        Ok(()) => {
            let to = project.map_or_else(|| "/".to_owned(), |slug| format!("/projects/{slug}"));
            Ok(Redirect::to(&to).into_response())
        }
        Err(e) => render_edit(&state, &req, id, None, Some(&e)).await,
    }
}
