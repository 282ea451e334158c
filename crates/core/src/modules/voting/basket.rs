// SPDX-License-Identifier: AGPL-3.0-only
//! Baskets: a voter builds one per voting phase and submits it; a new submission replaces the
//! old one until the phase ends. The rules are checked inside the transaction that changes the
//! basket, while it is locked, so no timing of requests can break them; submissions are
//! appended to the phase's hash chain and move the totals in the same transaction.
use chrono::{SecondsFormat, Utc};
use sea_orm::sea_query::LockType;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QueryTrait};

use super::chain::{self, GENESIS, ballot_text, entry_hash};
use super::freeze::phase_read;
use super::model::{ballot, basket, basket_item, phase_secret};
use super::rules::{BasketError, Item, Rules, check_basket, check_submission, spent};
use super::statements::{
    append_ballot, chain_head_of, chain_head_read, contents_of, contents_read, latest_ballot_read, lock_basket,
    mark_submitted, move_totals, new_phase_secret, one_of, put_item, remove_item,
};
use super::voters::{self, VoterKeys};
use crate::modules::ideas::model::idea;
use crate::modules::projects::effective_settings;
use crate::modules::projects::model::phase;
use crate::modules::voting::VOTE;
use crate::permissions::Denial;
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
        self.require_permission(actor, VOTE, found).await?;
        actor.user_id().ok_or(CoreError::NotSignedIn)
    }

    /// The voter's basket (empty when they have none yet).
    pub async fn basket(&self, actor: &Actor, phase_id: i32) -> CoreResult<BasketView> {
        let (found, rules) = self.voting_phase(phase_id).await?;
        let Some(user) = actor.user_id() else { return Err(CoreError::NotSignedIn) };
        if self.project_by_id(actor, found.project_id).await?.is_none() {
            return Err(CoreError::NotFound("phase"));
        }
        let backend = self.db().get_database_backend();
        let basket_read = basket::Entity::find()
            .filter(basket::Column::PhaseId.eq(phase_id))
            .filter(basket::Column::UserId.eq(user))
            .build(backend);
        let reads = [basket_read, contents_read(backend, phase_id, user), latest_ballot_read(backend, phase_id, user)];
        let [mine, contents, latest] = db::batch(self.db(), reads).await?;
        let Some(mine) = one_of::<basket::Model>(&mine)? else {
            return Ok(BasketView {
                rules,
                items: Vec::new(),
                spent: 0,
                submitted_at: None,
                receipt: None,
                changed_since_submission: false,
            });
        };
        let (rows, ideas) = contents_of(mine.id, &contents)?;
        Ok(view_of(rules, &rows, &ideas, &mine, one_of(&latest)?))
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
        let backend = txn.get_database_backend();
        // The rules as they are now: a change of them waits for this transaction, or this one
        // for it (see `freeze`). All in one batch: the change, then what the basket holds.
        let [locked, mine, _, contents, latest] = db::batch(
            &txn,
            [
                phase_read(backend, phase_id, LockType::KeyShare),
                lock_basket(backend, phase_id, user),
                put_item(backend, phase_id, user, idea_id, votes as i32),
                contents_read(backend, phase_id, user),
                latest_ballot_read(backend, phase_id, user),
            ],
        )
        .await?;
        let rules = self.rules_of(&one_of(&locked)?.ok_or(CoreError::NotFound("phase"))?)?;
        let mine: basket::Model = one_of(&mine)?.ok_or(CoreError::NotFound("phase"))?;
        let (rows, ideas) = contents_of(mine.id, &contents)?;
        // Checked after the change, inside the transaction: a refusal rolls it back.
        check_basket(&rules, &as_items(&rows, &ideas)).map_err(refused)?;
        let view = view_of(rules, &rows, &ideas, &mine, one_of(&latest)?);
        txn.commit().await?;
        Ok(view)
    }

    pub async fn remove_from_basket(&self, actor: &Actor, phase_id: i32, idea_id: i32) -> CoreResult<BasketView> {
        let (found, rules) = self.voting_phase(phase_id).await?;
        let user = self.voter(actor, &found).await?;
        let txn = db::begin_write(self.db()).await?;
        let backend = txn.get_database_backend();
        let [mine, _, contents, latest] = db::batch(
            &txn,
            [
                lock_basket(backend, phase_id, user),
                remove_item(backend, phase_id, user, idea_id),
                contents_read(backend, phase_id, user),
                latest_ballot_read(backend, phase_id, user),
            ],
        )
        .await?;
        let mine: basket::Model = one_of(&mine)?.ok_or(CoreError::NotFound("phase"))?;
        let (rows, ideas) = contents_of(mine.id, &contents)?;
        let view = view_of(rules, &rows, &ideas, &mine, one_of(&latest)?);
        txn.commit().await?;
        Ok(view)
    }

    /// Submits the basket: the submission rules are checked, the voter's previous ballot (if
    /// any, from this account or another of the same person, see `voters`) leaves the totals
    /// and this one enters them, and the ballot joins the phase's chain.
    pub async fn submit_basket(&self, actor: &Actor, phase_id: i32) -> CoreResult<Receipt> {
        let (found, _) = self.voting_phase(phase_id).await?;
        self.voter(actor, &found).await?;
        let viewer = actor.viewer().ok_or(CoreError::NotSignedIn)?;
        let user = viewer.id;
        let site = self.site_name().await;
        let known_secret = self.phase_secret(phase_id).await?;
        let known_keys = known_secret.as_deref().map(|secret| VoterKeys::of(secret, viewer));
        let txn = db::begin_write(self.db()).await?;
        let backend = txn.get_database_backend();
        // One submission of the phase at a time: a row lock on PostgreSQL, SQLite's single
        // writer otherwise, so the chain has no forks and the totals no lost updates. The lock
        // lets basket changes through but not a change of the rules. The reads go in one
        // batch (with who the voter is, when the phase's secret is known), the writes in
        // another.
        let mut reads = vec![
            phase_read(backend, phase_id, LockType::NoKeyUpdate),
            lock_basket(backend, phase_id, user),
            contents_read(backend, phase_id, user),
            chain_head_read(backend, phase_id),
        ];
        if let Some(keys) = &known_keys {
            reads.extend([
                voters::matches_read(backend, phase_id, keys),
                voters::latest_entries_read(backend, phase_id, keys),
            ]);
        }
        let mut answers = db::batch_vec(&txn, reads).await?.into_iter();
        let mut next = || answers.next().unwrap_or_default();
        let (locked, mine, contents, head) = (next(), next(), next(), next());
        let (known_matches, known_latest) = (next(), next());
        let locked: phase::Model = one_of(&locked)?.ok_or(CoreError::NotFound("phase"))?;
        // Open now, under the lock: a submission that was let in just before the end cannot
        // join the chain after the phase was closed and sealed.
        let now = Utc::now();
        if !locked.is_open(now) {
            return Err(CoreError::Denied(Denial::PhaseNotActive));
        }
        let rules = self.rules_of(&locked)?;
        let mine: basket::Model = one_of(&mine)?.ok_or(CoreError::NotFound("phase"))?;
        let (rows, ideas) = contents_of(mine.id, &contents)?;
        let items = as_items(&rows, &ideas);
        check_submission(&rules, &items).map_err(refused)?;
        let ballot: Vec<(i32, i64)> = items.iter().map(|i| (i.idea, i.votes)).collect();
        let head = chain_head_of(&head)?;
        let mut writes: Vec<sea_orm::Statement> = Vec::new();
        let secret = match head.secret {
            Some(secret) => secret,
            None => {
                let (secret, keep) = new_phase_secret(backend, phase_id);
                writes.push(keep);
                secret
            }
        };
        // Who the voter is, and their previous ballot. Read with the first batch when the
        // secret was known; after the phase's very first ballot there is nothing to read; in
        // the rare race with another first ballot, read now.
        let keys = VoterKeys::of(&secret, viewer);
        let (matches, latest) = if known_secret.as_deref() == Some(secret.as_str()) {
            (known_matches, known_latest)
        } else if head.last.is_none() {
            (Vec::new(), Vec::new())
        } else {
            let [matches, latest] = db::batch(
                &txn,
                [voters::matches_read(backend, phase_id, &keys), voters::latest_entries_read(backend, phase_id, &keys)],
            )
            .await?;
            (matches, latest)
        };
        let voter = voters::voter_of(&keys, &matches)?
            .map_err(|_| CoreError::Field { field: "basket", code: "confirm_email_to_vote" })?;
        let previous = latest
            .iter()
            .map(|row| ballot::Model::from_query_result(row, ""))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .find(|entry| entry.voter == voter);
        let old: Vec<(i32, i64)> =
            previous.map(|p| serde_json::from_str(&p.ballot).unwrap_or_default()).unwrap_or_default();
        writes.extend(move_totals(backend, phase_id, &old, &ballot));
        let (seq, prev) = head.last.map_or((1, GENESIS.to_owned()), |(seq, hash)| (seq + 1, hash));
        let text = ballot_text(&ballot);
        let at = now.to_rfc3339_opts(SecondsFormat::Micros, true);
        let hash = entry_hash(phase_id, i64::from(seq), &prev, &voter, &text, &at);
        writes.push(voters::record(backend, phase_id, &keys, &voter));
        let entry = ballot::Model { phase_id, seq, prev_hash: prev, voter, ballot: text, submitted_at: at, hash };
        writes.push(append_ballot(backend, &entry));
        writes.push(mark_submitted(backend, mine.id, seq));
        // The receipt by e-mail exists exactly when the ballot does.
        if let Some(mail) = self.receipt_mail(actor, phase_id, &entry.hash, &site) {
            writes.push(crate::modules::notifications::enqueue_statement(backend, mail));
        }
        // Who voted stays out: the event says that a ballot joined the chain, and where.
        let data = serde_json::json!({ "phase_id": phase_id, "project_id": found.project_id, "seq": seq });
        self.publish(&txn, crate::events::PlatformEvent { kind: "basket.submitted", data }).await?;
        // The writes and the commit: one trip on SQLite.
        txn.commit_with(writes).await?;
        self.phase_secrets().lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(phase_id, secret);
        let hash = entry.hash;
        self.wake_job(crate::modules::notifications::OUTBOX_JOB);
        Ok(Receipt { hash, seq })
    }

    /// The phase's pseudonym secret, once its first ballot made it (kept in memory after the
    /// first read: it never changes).
    async fn phase_secret(&self, phase_id: i32) -> CoreResult<Option<String>> {
        let cache = self.phase_secrets();
        if let Some(secret) = cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(&phase_id) {
            return Ok(Some(secret.clone()));
        }
        let found = phase_secret::Entity::find_by_id(phase_id).one(self.db()).await?.map(|s| s.secret);
        if let Some(secret) = &found {
            cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(phase_id, secret.clone());
        }
        Ok(found)
    }

    fn receipt_mail(&self, actor: &Actor, phase_id: i32, receipt: &str, site: &str) -> Option<crate::mail::Mail> {
        let viewer = actor.viewer().filter(|_| !self.mail_muted())?;
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

/// The voter's view of a basket: its ideas, what it spends, and its `latest` submission.
fn view_of(
    rules: Rules,
    rows: &[basket_item::Model],
    ideas: &[idea::Model],
    mine: &basket::Model,
    latest: Option<ballot::Model>,
) -> BasketView {
    let items: Vec<(idea::Model, i64)> = rows
        .iter()
        .filter_map(|r| ideas.iter().find(|i| i.id == r.idea_id).map(|i| (i.clone(), i64::from(r.votes))))
        .collect();
    let as_rules = as_items(rows, ideas);
    let current = ballot_text(&as_rules.iter().map(|i| (i.idea, i.votes)).collect::<Vec<_>>());
    BasketView {
        spent: spent(&as_rules),
        rules,
        items,
        submitted_at: mine.submitted_at,
        changed_since_submission: latest.as_ref().is_some_and(|b| b.ballot != current),
        receipt: latest.map(|b| b.hash),
    }
}
