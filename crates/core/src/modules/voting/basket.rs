// SPDX-License-Identifier: AGPL-3.0-only
//! Baskets: a voter builds one per voting phase and submits it; a new submission replaces the
//! old one until the phase ends. The rules are checked inside the transaction that changes the
//! basket, while it is locked, so no timing of requests can break them; submissions are
//! appended to the phase's hash chain and move the totals in the same transaction.
use chrono::{SecondsFormat, Utc};
use sea_orm::sea_query::{LockType, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder,
};

use super::chain::{self, GENESIS, ballot_text, entry_hash, pseudonym};
use super::freeze::locked_phase;
use super::model::{ballot, basket, basket_item};
use super::rules::{BasketError, Item, Rules, check_basket, check_submission, spent};
use super::statements::{chain_head, contents, move_totals, new_phase_secret};
use crate::modules::ideas::model::idea;
use crate::modules::projects::effective_settings;
use crate::modules::projects::model::phase;
use crate::permissions::Action;
use crate::{Actor, CoreError, CoreResult, Platform, db};

pub const VOTING: &str = "voting";

fn refused(e: BasketError) -> CoreError {
    CoreError::Field { field: "basket", code: e.code() }
}

/// A voter's basket as they see it.
#[derive(Debug, Clone)]
pub struct BasketView {
    pub rules: Rules,
    pub items: Vec<(idea::Model, i64)>,
    pub spent: i64,
    pub submitted_at: Option<chrono::DateTime<Utc>>,
    /// The receipt of the latest submission.
    pub receipt: Option<String>,
    /// Whether the basket changed since it was last submitted.
    pub changed_since_submission: bool,
}

/// What a submission returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub hash: String,
    pub seq: i32,
}

impl Platform {
    /// A voting phase and its rules.
    pub(crate) async fn voting_phase(&self, phase_id: i32) -> CoreResult<(phase::Model, Rules)> {
        let found = self.phase_of(phase_id).await?;
        let rules = self.rules_of(&found)?;
        Ok((found, rules))
    }

    fn rules_of(&self, found: &phase::Model) -> CoreResult<Rules> {
        let method = self.registry().method(&found.method).filter(|m| m.id == VOTING);
        let method = method.ok_or(CoreError::Field { field: "phase", code: "not_a_voting_phase" })?;
        Ok(Rules::from_settings(&effective_settings(&method, &found.settings)))
    }

    async fn voter(&self, actor: &Actor, found: &phase::Model) -> CoreResult<i32> {
        self.require_permission(actor, Action::Voting, found).await?;
        actor.user_id().ok_or(CoreError::NotSignedIn)
    }

    /// The voter's basket (empty when they have none yet).
    pub async fn basket(&self, actor: &Actor, phase_id: i32) -> CoreResult<BasketView> {
        let (found, rules) = self.voting_phase(phase_id).await?;
        let Some(user) = actor.user_id() else { return Err(CoreError::NotSignedIn) };
        if self.project_by_id(actor, found.project_id).await?.is_none() {
            return Err(CoreError::NotFound("phase"));
        }
        let mine = basket::Entity::find()
            .filter(basket::Column::PhaseId.eq(phase_id))
            .filter(basket::Column::UserId.eq(user))
            .one(self.db())
            .await?;
        let Some(mine) = mine else {
            return Ok(BasketView {
                rules,
                items: Vec::new(),
                spent: 0,
                submitted_at: None,
                receipt: None,
                changed_since_submission: false,
            });
        };
        let (rows, ideas) = contents(self.db(), mine.id).await?;
        view_of(self.db(), rules, &rows, &ideas, &mine).await
    }

    /// Puts `votes` votes on an idea (replacing what the basket had on it).
    pub async fn add_to_basket(
        &self,
        actor: &Actor,
        phase_id: i32,
        idea_id: i32,
        votes: i64,
    ) -> CoreResult<BasketView> {
        let (found, _) = self.voting_phase(phase_id).await?;
        let user = self.voter(actor, &found).await?;
        let target = idea::Entity::find_by_id(idea_id).one(self.db()).await?;
        if !target.is_some_and(|i| i.project_id == found.project_id && i.published_at.is_some()) {
            return Err(CoreError::NotFound("idea"));
        }
        if !(1..=i64::from(i32::MAX)).contains(&votes) {
            return Err(refused(BasketError::VotesInvalid));
        }
        let txn = db::begin_write(self.db()).await?;
        // The rules as they are now: a change of them waits for this transaction, or this one
        // for it (see `freeze`).
        let rules = self.rules_of(&locked_phase(&txn, phase_id, LockType::KeyShare).await?)?;
        let mine = lock_basket(&txn, phase_id, user).await?;
        basket_item::Entity::insert(basket_item::ActiveModel {
            basket_id: Set(mine.id),
            idea_id: Set(idea_id),
            votes: Set(votes as i32),
        })
        .on_conflict(
            OnConflict::columns([basket_item::Column::BasketId, basket_item::Column::IdeaId])
                .update_column(basket_item::Column::Votes)
                .to_owned(),
        )
        .exec(&txn)
        .await?;
        // Checked after the change, inside the transaction: a refusal rolls it back.
        let (rows, ideas) = contents(&txn, mine.id).await?;
        check_basket(&rules, &as_items(&rows, &ideas)).map_err(refused)?;
        let view = view_of(&txn, rules, &rows, &ideas, &mine).await?;
        txn.commit().await?;
        Ok(view)
    }

    pub async fn remove_from_basket(&self, actor: &Actor, phase_id: i32, idea_id: i32) -> CoreResult<BasketView> {
        let (found, rules) = self.voting_phase(phase_id).await?;
        let user = self.voter(actor, &found).await?;
        let txn = db::begin_write(self.db()).await?;
        let mine = lock_basket(&txn, phase_id, user).await?;
        basket_item::Entity::delete_many()
            .filter(basket_item::Column::BasketId.eq(mine.id))
            .filter(basket_item::Column::IdeaId.eq(idea_id))
            .exec(&txn)
            .await?;
        let (rows, ideas) = contents(&txn, mine.id).await?;
        let view = view_of(&txn, rules, &rows, &ideas, &mine).await?;
        txn.commit().await?;
        Ok(view)
    }

    /// Submits the basket: the submission rules are checked, the previous submission (if any)
    /// leaves the totals and this one enters them, and the ballot joins the phase's chain.
    pub async fn submit_basket(&self, actor: &Actor, phase_id: i32) -> CoreResult<Receipt> {
        let (found, _) = self.voting_phase(phase_id).await?;
        let user = self.voter(actor, &found).await?;
        let site = self.site_name().await;
        let txn = db::begin_write(self.db()).await?;
        // One submission of the phase at a time: a row lock on PostgreSQL, SQLite's single
        // writer otherwise, so the chain has no forks and the totals no lost updates. The lock
        // lets basket changes through but not a change of the rules.
        let rules = self.rules_of(&locked_phase(&txn, phase_id, LockType::NoKeyUpdate).await?)?;
        let mine = lock_basket(&txn, phase_id, user).await?;
        let (rows, ideas) = contents(&txn, mine.id).await?;
        let items = as_items(&rows, &ideas);
        check_submission(&rules, &items).map_err(refused)?;
        let ballot: Vec<(i32, i64)> = items.iter().map(|i| (i.idea, i.votes)).collect();
        let previous = match mine.submitted_seq {
            Some(seq) => ballot::Entity::find_by_id((phase_id, seq)).one(&txn).await?,
            None => None,
        };
        let old: Vec<(i32, i64)> =
            previous.map(|p| serde_json::from_str(&p.ballot).unwrap_or_default()).unwrap_or_default();
        move_totals(&txn, phase_id, &old, &ballot).await?;
        let head = chain_head(&txn, phase_id).await?;
        let (seq, prev) = head.last.map_or((1, GENESIS.to_owned()), |(seq, hash)| (seq + 1, hash));
        let secret = match head.secret {
            Some(secret) => secret,
            None => new_phase_secret(&txn, phase_id).await?,
        };
        let voter = pseudonym(&secret, user);
        let text = ballot_text(&ballot);
        let at = Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true);
        let hash = entry_hash(phase_id, i64::from(seq), &prev, &voter, &text, &at);
        ballot::ActiveModel {
            phase_id: Set(phase_id),
            seq: Set(seq),
            prev_hash: Set(prev),
            voter: Set(voter),
            ballot: Set(text),
            submitted_at: Set(at),
            hash: Set(hash.clone()),
        }
        .insert(&txn)
        .await?;
        let mut active: basket::ActiveModel = mine.into();
        active.submitted_seq = Set(Some(seq));
        active.submitted_at = Set(Some(Utc::now()));
        active.update(&txn).await?;
        // The receipt by e-mail exists exactly when the ballot does.
        if let Some(mail) = self.receipt_mail(actor, phase_id, &hash, &site) {
            crate::modules::notifications::enqueue(&txn, mail).await?;
        }
        // Who voted stays out: the event says that a ballot joined the chain, and where.
        let data = serde_json::json!({ "phase_id": phase_id, "project_id": found.project_id, "seq": seq });
        self.publish(&txn, crate::events::PlatformEvent { kind: "basket.submitted", data }).await?;
        txn.commit().await?;
        self.wake_job(crate::modules::notifications::OUTBOX_JOB);
        Ok(Receipt { hash, seq })
    }

    fn receipt_mail(&self, actor: &Actor, phase_id: i32, receipt: &str, site: &str) -> Option<crate::mail::Mail> {
        let viewer = actor.viewer()?;
        let link = format!("{}/phases/{phase_id}/verify?receipt={receipt}", self.base_url());
        Some(crate::modules::accounts::mails::compose_with(
            self,
            site,
            &viewer.locale,
            "receipt",
            &viewer.display_name,
            &viewer.email,
            Some(&link),
            &[("receipt", receipt.to_owned())],
        ))
    }

    /// Where a receipt is in the phase's chain: its position and whether a later submission
    /// of the same voter replaced it.
    pub async fn verify_receipt(&self, phase_id: i32, receipt: &str) -> CoreResult<Option<(i32, bool)>> {
        let receipt = receipt.trim().to_lowercase();
        let Some(found) = ballot::Entity::find()
            .filter(ballot::Column::PhaseId.eq(phase_id))
            .filter(ballot::Column::Hash.eq(receipt))
            .one(self.db())
            .await?
        else {
            return Ok(None);
        };
        let later = ballot::Entity::find()
            .filter(ballot::Column::PhaseId.eq(phase_id))
            .filter(ballot::Column::Voter.eq(found.voter.clone()))
            .filter(ballot::Column::Seq.gt(found.seq))
            .one(self.db())
            .await?;
        Ok(Some((found.seq, later.is_some())))
    }

    /// The phase's chain as published entries (superseded ones marked).
    pub(crate) async fn chain_entries(&self, phase_id: i32) -> CoreResult<Vec<chain::Entry>> {
        let rows = ballot::Entity::find()
            .filter(ballot::Column::PhaseId.eq(phase_id))
            .order_by_asc(ballot::Column::Seq)
            .all(self.db())
            .await?;
        let mut entries: Vec<chain::Entry> = rows
            .into_iter()
            .map(|b| chain::Entry {
                seq: i64::from(b.seq),
                prev: b.prev_hash,
                voter: b.voter,
                ballot: serde_json::from_str(&b.ballot).unwrap_or_default(),
                at: b.submitted_at,
                hash: b.hash,
                superseded: false,
            })
            .collect();
        chain::mark_superseded(&mut entries);
        Ok(entries)
    }
}

/// The voter's basket, created when missing, marked changed and locked for this transaction,
/// in one statement: the upsert takes the row lock on PostgreSQL (SQLite's writer lock is
/// already held), and the unique index on phase and voter makes two racing creations end in
/// one basket.
async fn lock_basket(txn: &DatabaseTransaction, phase_id: i32, user: i32) -> CoreResult<basket::Model> {
    Ok(basket::Entity::insert(basket::ActiveModel {
        phase_id: Set(phase_id),
        user_id: Set(user),
        submitted_seq: Set(None),
        submitted_at: Set(None),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([basket::Column::PhaseId, basket::Column::UserId])
            .update_column(basket::Column::UpdatedAt)
            .to_owned(),
    )
    .exec_with_returning(txn)
    .await?)
}

/// The rows as the rules see them: votes and the ideas' costs.
fn as_items(rows: &[basket_item::Model], ideas: &[idea::Model]) -> Vec<Item> {
    rows.iter()
        .map(|r| Item {
            idea: r.idea_id,
            votes: i64::from(r.votes),
            cost: ideas.iter().find(|i| i.id == r.idea_id).and_then(|i| i.cost),
        })
        .collect()
}

/// The voter's view of a basket: its ideas, what it spends, and its latest submission.
async fn view_of(
    conn: &impl ConnectionTrait,
    rules: Rules,
    rows: &[basket_item::Model],
    ideas: &[idea::Model],
    mine: &basket::Model,
) -> CoreResult<BasketView> {
    let items: Vec<(idea::Model, i64)> = rows
        .iter()
        .filter_map(|r| ideas.iter().find(|i| i.id == r.idea_id).map(|i| (i.clone(), i64::from(r.votes))))
        .collect();
    let as_rules = as_items(rows, ideas);
    let latest = match mine.submitted_seq {
        Some(seq) => ballot::Entity::find_by_id((mine.phase_id, seq)).one(conn).await?,
        None => None,
    };
    let current = ballot_text(&as_rules.iter().map(|i| (i.idea, i.votes)).collect::<Vec<_>>());
    Ok(BasketView {
        spent: spent(&as_rules),
        rules,
        items,
        submitted_at: mine.submitted_at,
        changed_since_submission: latest.as_ref().is_some_and(|b| b.ballot != current),
        receipt: latest.map(|b| b.hash),
    })
}
