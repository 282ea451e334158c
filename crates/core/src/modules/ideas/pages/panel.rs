// SPDX-License-Identifier: AGPL-3.0-only
//! The panel of a current ideation phase: the idea form (filled in again with its error after a
//! refusal), the visitor's drafts in the phase, and the list of its ideas.
use serde_json::{Value, json};

use super::card::form_options;
use super::list::ideas_list;
use crate::CoreResult;
use crate::methods::PanelRequest;
use crate::modules::ideas::list_query::ListQuery;
use crate::web::error_data;

pub async fn panel(r: PanelRequest<'_>) -> CoreResult<Value> {
    let list = ideas_list(r.platform, r.actor, r.client, r.locale, r.phase, &ListQuery::from_query(r.query)).await?;
    let drafts = r.platform.my_drafts(r.actor, r.phase.id).await?;
    Ok(json!({
        "list": list,
        "drafts": drafts.iter().map(|d| json!({ "id": d.id, "title": d.title })).collect::<Vec<_>>(),
        "options": form_options(r.platform, r.locale).await?,
        "form": r.form,
        // Only the idea form's own refusal opens it with its error; another panel's stays there.
        "error": r.form.and(r.error).map(error_data),
    }))
}
