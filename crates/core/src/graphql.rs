// SPDX-License-Identifier: AGPL-3.0-only
//! How a module contributes GraphQL, and the helpers resolvers share.
use async_graphql::{Context, ErrorExtensions, ObjectType};

use crate::{CoreError, Platform};

mod paging;
pub use paging::{Counted, PAGE_MAX, Page, id_cursor, page_size, paged, paged_with_count};

/// A module's GraphQL roots. Modules without queries or mutations use [`NoGraphql`].
pub trait ModuleGraphql {
    type Query: ObjectType + Default + 'static;
    type Mutation: ObjectType + Default + 'static;
}

/// An empty contribution to a merged root.
pub type NoGraphql = async_graphql::MergedObjectTail;

pub use crate::actor::Actor;

/// Turns a service error into a GraphQL error with a stable `code` extension.
pub fn to_gql(err: CoreError) -> async_graphql::Error {
    if let CoreError::Database(db) = &err {
        tracing::error!(error = %db, "database error in a GraphQL resolver");
    }
    let code = err.code();
    let problems: Vec<async_graphql::Value> = match &err {
        CoreError::Answers(list) => list
            .iter()
            .map(|(question, code)| {
                let mut one = async_graphql::indexmap::IndexMap::new();
                one.insert(async_graphql::Name::new("questionId"), async_graphql::Value::from(question.to_string()));
                one.insert(async_graphql::Name::new("code"), async_graphql::Value::from(*code));
                async_graphql::Value::Object(one)
            })
            .collect(),
        _ => Vec::new(),
    };
    let question = match &err {
        CoreError::Answer { question, .. } => Some(question.clone()),
        _ => None,
    };
    async_graphql::Error::new(err.public_message()).extend_with(|_, e| {
        e.set("code", code);
        if let Some(question) = &question {
            e.set("field", question.as_str());
        }
        if !problems.is_empty() {
            e.set("problems", async_graphql::Value::List(problems.clone()));
        }
    })
}

/// The number in an `ID`; an id that is not a number names nothing, so it is `not_found`.
pub fn id_number(id: &async_graphql::ID, what: &'static str) -> async_graphql::Result<i32> {
    id.parse::<i32>().map_err(|_| to_gql(CoreError::NotFound(what)))
}

/// The platform of this request.
pub fn platform<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a Platform> {
    ctx.data::<Platform>()
}

/// The actor of this request (anonymous when none was set).
pub fn actor<'a>(ctx: &Context<'a>) -> &'a Actor {
    ctx.data_opt::<Actor>().unwrap_or(&Actor::Anonymous)
}

/// Fails unless `feature` is active; paid resolvers start with this.
pub async fn require_feature(ctx: &Context<'_>, feature: &str) -> async_graphql::Result<()> {
    platform(ctx)?.require_active(feature).await.map_err(to_gql)
}

/// What batch loaders need: the platform, and who asks (answers such as "my reaction" depend on
/// it). Modules implement `async_graphql::dataloader::Loader<TheirKey>` for this type, so one
/// per-request `DataLoader` serves every module and list fields resolve in batches, not one
/// query per row.
#[derive(Clone)]
pub struct Loaders {
    pub platform: Platform,
    pub actor: Actor,
}

/// The per-request loader.
pub type RequestLoader = async_graphql::dataloader::DataLoader<Loaders>;

/// Adds what resolvers read to a request: the platform, the actor and the batch loader.
pub fn prepare(request: async_graphql::Request, platform: Platform, actor: Actor) -> async_graphql::Request {
    let loader = RequestLoader::new(Loaders { platform: platform.clone(), actor: actor.clone() }, tokio::spawn);
    request.data(platform).data(actor).data(loader)
}

/// The batch loader of this request.
pub fn loader<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a RequestLoader> {
    ctx.data::<RequestLoader>()
}

/// Registration answers from JSON (`{ "field_12": "yes", "field_13": ["a", "b"] }`) as the
/// services take them: every value a list of strings.
pub fn answers_of(given: Option<std::collections::BTreeMap<String, serde_json::Value>>) -> crate::Answers {
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    given
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| {
            let values = match &v {
                serde_json::Value::Array(list) => list.iter().map(text).collect(),
                serde_json::Value::Null => Vec::new(),
                one => vec![text(one)],
            };
            (k, values)
        })
        .collect()
}
