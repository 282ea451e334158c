// SPDX-License-Identifier: AGPL-3.0-only
//! Volunteering's pages: its panel on the project page (volunteer, withdraw), its part of the
//! project's page in the back office (causes, their pictures, the list of volunteers), and the
//! routes behind their forms.
use std::collections::BTreeMap;

use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use serde_json::{Value, json};

use super::service::VOLUNTEERING;
use crate::methods::{Panel, PanelRequest, ParticipationMethod};
use crate::modules::projects::model::phase;
use crate::modules::projects::multiloc::Multiloc;
use crate::permissions::{MethodDef, moderates};
use crate::web::{
    HostPage, Lang, PageError, PageResult, Pairs, Reshow, back_to_admin_project, download, error_data, field, picture,
    see_other,
};
use crate::{Actor, CoreError, CoreResult, Platform};

/// Volunteering as a participation method: its definition and its panels.
#[derive(Debug, Default)]
pub struct Volunteering;

#[async_trait::async_trait]
impl ParticipationMethod for Volunteering {
    fn def(&self) -> MethodDef {
        super::VOLUNTEERING_METHOD
    }

    async fn panel(
        &self,
        PanelRequest { platform, actor, phase, locale, error, .. }: PanelRequest<'_>,
    ) -> CoreResult<Option<Panel>> {
        let mut data = causes(platform, actor, phase, locale).await?;
        data["error"] = error.map_or(Value::Null, error_data);
        Ok(Some(Panel::new("volunteering/panel.html", data)))
    }

    async fn admin_panel(
        &self,
        platform: &Platform,
        actor: &Actor,
        phase: &phase::Model,
        locale: &'static str,
    ) -> CoreResult<Option<Panel>> {
        Ok(Some(Panel::new("volunteering/admin_panel.html", causes(platform, actor, phase, locale).await?)))
    }
}

/// The phase's causes in `locale`, which of them the actor volunteers for, and, for the
/// project's staff, who volunteered for each.
async fn causes(platform: &Platform, actor: &Actor, phase: &phase::Model, locale: &str) -> CoreResult<Value> {
    let (causes, mine) = platform.volunteering().causes(actor, phase.id).await?;
    let people = if moderates(actor, phase.project_id) {
        platform.volunteering().volunteers(actor, phase.id).await?
    } else {
        Vec::new()
    };
    let causes: Vec<Value> = causes
        .iter()
        .map(|c| {
            let people: Vec<Value> = people
                .iter()
                .filter(|p| p.cause_id == c.id)
                .map(|p| json!({ "name": p.name, "email": p.email, "since": p.since.format("%Y-%m-%d").to_string() }))
                .collect();
            json!({
                "id": c.id,
                "title": Multiloc::parse(&c.title).text(locale),
                "description": Multiloc::parse(&c.description).text(locale),
                "volunteers": c.volunteers,
                "image": c.image.as_ref().map(|key| format!("/files/{key}")),
                "mine": mine.contains(&c.id),
                "people": people,
            })
        })
        .collect();
    Ok(json!({ "phase": phase.id, "causes": causes }))
}

pub fn routes() -> Router<Platform> {
    Router::new()
        .route("/causes/{id}/volunteer", post(toggle))
        .route("/files/causes/{name}", get(image))
        .route("/admin/projects/{id}/phases/{phase}/causes", post(add_cause))
        .route("/admin/projects/{id}/causes/{cause}/delete", post(delete_cause))
        .route("/admin/projects/{id}/causes/{cause}/image/remove", post(remove_image))
        .route("/admin/phases/{id}/volunteers.csv", get(csv))
}

/// Routes that take a picture.
pub fn upload_routes() -> Router<Platform> {
    Router::new()
        .route("/admin/projects/{id}/causes/{cause}/image", post(upload_image))
        .layer(axum::extract::DefaultBodyLimit::max(crate::images::UPLOAD_BODY_LIMIT_BYTES))
}

/// Volunteers (`volunteer=yes`) or withdraws, then back to the project's page.
async fn toggle(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Path(cause): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let phase = field(&pairs, "phase").parse::<i32>().map_err(|_| PageError::NotFound)?;
    let slug = platform.project_slug_of_phase(phase).await?.ok_or(PageError::NotFound)?;
    let result = if field(&pairs, "volunteer") == "yes" {
        platform.volunteering().sign_up(&actor, cause).await
    } else {
        platform.volunteering().withdraw(&actor, cause).await
    };
    Ok(match result {
        Ok(()) => see_other(&format!("/projects/{slug}#{VOLUNTEERING}")),
        Err(e) => Reshow::new(HostPage::Project(slug), e).into_response(),
    })
}

async fn add_cause(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Extension(Lang(locale)): Extension<Lang>,
    Path((project, phase)): Path<(i32, i32)>,
    Form(pairs): Form<Pairs>,
) -> Response {
    // Written in the language the back office is shown in.
    let text = |name: &str| BTreeMap::from([(locale.to_owned(), field(&pairs, name).to_owned())]);
    let result = platform.volunteering().add_cause(&actor, phase, text("title"), text("description")).await;
    back_to_admin_project(project, result.map(drop))
}

async fn delete_cause(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Path((project, cause)): Path<(i32, i32)>,
) -> Response {
    back_to_admin_project(project, platform.volunteering().delete_cause(&actor, cause).await)
}

/// A new picture for a cause (multipart field `image`).
async fn upload_image(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Path((project, cause)): Path<(i32, i32)>,
    form: Multipart,
) -> Response {
    let result = match crate::web::single_file(form, "image").await {
        Some(bytes) => platform.volunteering().set_cause_image(&actor, cause, bytes).await.map(drop),
        None => Err(CoreError::Field { field: "image", code: "image_invalid" }),
    };
    back_to_admin_project(project, result)
}

async fn remove_image(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Path((project, cause)): Path<(i32, i32)>,
) -> Response {
    back_to_admin_project(project, platform.volunteering().remove_cause_image(&actor, cause).await)
}

/// A cause's picture, for those who can see its project.
async fn image(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Path(name): Path<String>,
) -> PageResult {
    let bytes = platform.volunteering().cause_image(&actor, &format!("causes/{name}")).await?;
    Ok(picture(bytes, crate::images::variants::content_type_of(&name)))
}

/// Who volunteered, as CSV with names and e-mail addresses (the project's staff).
async fn csv(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Extension(Lang(locale)): Extension<Lang>,
    Path(phase): Path<i32>,
) -> PageResult {
    let text = platform.volunteering().csv(&actor, phase, locale).await?;
    Ok(download("text/csv; charset=utf-8", &format!("volunteers-{phase}.csv"), text))
}
