// SPDX-License-Identifier: AGPL-3.0-only
//! The basket rules of the three voting methods, as pure functions: the service checks them
//! inside the transaction that changes a basket, and property tests check them on their own.
use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum, serde::Serialize)]
pub enum VotingMethod {
    /// One vote in the phase.
    Single,
    /// Up to `max_votes` votes, at most `max_per_idea` on one idea.
    Multiple,
    /// A budget to spend on ideas with costs.
    Budgeting,
}

/// A phase's rules, read from its settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    pub method: VotingMethod,
    pub max_votes: i64,
    pub max_per_idea: i64,
    pub budget: i64,
    /// Spend at least this much (an amount)…
    pub min_spend: i64,
    /// …and at least this share of the budget, in percent.
    pub min_spend_percent: i64,
    pub min_ideas: i64,
    pub max_ideas: Option<i64>,
}

impl Rules {
    pub fn from_settings(settings: &Map<String, Value>) -> Rules {
        let number = |key: &str| settings.get(key).and_then(Value::as_i64);
        let method = match settings.get("voting_method").and_then(Value::as_str) {
            Some("single") => VotingMethod::Single,
            Some("multiple") => VotingMethod::Multiple,
            _ => VotingMethod::Budgeting,
        };
        Rules {
            method,
            max_votes: number("max_votes").unwrap_or(3).max(1),
            max_per_idea: number("max_per_idea").unwrap_or(1).max(1),
            budget: number("budget").unwrap_or(0).max(0),
            min_spend: number("min_spend").unwrap_or(0).max(0),
            min_spend_percent: number("min_spend_percent").unwrap_or(0).clamp(0, 100),
            min_ideas: number("min_ideas").unwrap_or(0).max(0),
            max_ideas: number("max_ideas").filter(|n| *n > 0),
        }
    }

    /// The least a submitted budgeting basket must spend.
    pub fn least_spend(&self) -> i64 {
        self.min_spend.max((self.budget * self.min_spend_percent + 99) / 100)
    }
}

/// One idea in a basket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub idea: i32,
    pub votes: i64,
    /// The idea's cost; budgeting refuses ideas without one.
    pub cost: Option<i64>,
}

/// Why a basket is refused; each is an error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BasketError {
    VotesInvalid,
    OverBudget,
    IdeaHasNoCost,
    TooManyVotes,
    TooManyVotesForIdea,
    TooManyIdeas,
    BasketEmpty,
    TooFewIdeas,
    UnderMinimumSpend,
}

impl BasketError {
    pub fn code(self) -> &'static str {
        match self {
            BasketError::VotesInvalid => "votes_invalid",
            BasketError::OverBudget => "over_budget",
            BasketError::IdeaHasNoCost => "idea_has_no_cost",
            BasketError::TooManyVotes => "too_many_votes",
            BasketError::TooManyVotesForIdea => "too_many_votes_for_idea",
            BasketError::TooManyIdeas => "too_many_ideas",
            BasketError::BasketEmpty => "basket_empty",
            BasketError::TooFewIdeas => "too_few_ideas",
            BasketError::UnderMinimumSpend => "under_minimum_spend",
        }
    }
}

pub fn spent(items: &[Item]) -> i64 {
    items.iter().map(|i| i.cost.unwrap_or(0).saturating_mul(i.votes)).sum()
}

/// The rules that hold at every moment: a basket may never break them, even unsubmitted.
pub fn check_basket(rules: &Rules, items: &[Item]) -> Result<(), BasketError> {
    if items.iter().any(|i| i.votes < 1) {
        return Err(BasketError::VotesInvalid);
    }
    if rules.max_ideas.is_some_and(|max| items.len() as i64 > max) {
        return Err(BasketError::TooManyIdeas);
    }
    let total: i64 = items.iter().map(|i| i.votes).sum();
    match rules.method {
        VotingMethod::Single if total > 1 => Err(BasketError::TooManyVotes),
        VotingMethod::Single => Ok(()),
        VotingMethod::Multiple if items.iter().any(|i| i.votes > rules.max_per_idea) => {
            Err(BasketError::TooManyVotesForIdea)
        }
        VotingMethod::Multiple if total > rules.max_votes => Err(BasketError::TooManyVotes),
        VotingMethod::Multiple => Ok(()),
        VotingMethod::Budgeting if items.iter().any(|i| i.votes != 1) => Err(BasketError::TooManyVotesForIdea),
        VotingMethod::Budgeting if items.iter().any(|i| i.cost.is_none()) => Err(BasketError::IdeaHasNoCost),
        VotingMethod::Budgeting if spent(items) > rules.budget => Err(BasketError::OverBudget),
        VotingMethod::Budgeting => Ok(()),
    }
}

/// The rules a submitted basket must also meet: not empty, and the minimums.
pub fn check_submission(rules: &Rules, items: &[Item]) -> Result<(), BasketError> {
    check_basket(rules, items)?;
    if items.is_empty() {
        return Err(BasketError::BasketEmpty);
    }
    if (items.len() as i64) < rules.min_ideas {
        return Err(BasketError::TooFewIdeas);
    }
    if rules.method == VotingMethod::Budgeting && spent(items) < rules.least_spend() {
        return Err(BasketError::UnderMinimumSpend);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn rules_strategy() -> impl Strategy<Value = Rules> {
        (0..3usize, 1..6i64, 1..4i64, 0..2_000i64, 0..500i64, 0..101i64, 0..4i64, proptest::option::of(1..6i64))
            .prop_map(|(m, max_votes, max_per_idea, budget, min_spend, pct, min_ideas, max_ideas)| Rules {
                method: [VotingMethod::Single, VotingMethod::Multiple, VotingMethod::Budgeting][m],
                max_votes,
                max_per_idea,
                budget,
                min_spend,
                min_spend_percent: pct,
                min_ideas,
                max_ideas,
            })
    }

    fn basket_strategy() -> impl Strategy<Value = Vec<Item>> {
        proptest::collection::btree_map(1..40i32, (1..5i64, proptest::option::of(0..800i64)), 0..8)
            .prop_map(|m| m.into_iter().map(|(idea, (votes, cost))| Item { idea, votes, cost }).collect())
    }

    proptest! {
        /// An accepted basket never exceeds the budget, the number of votes or of ideas.
        #[test]
        fn accepted_baskets_stay_within_the_limits(rules in rules_strategy(), items in basket_strategy()) {
            if check_basket(&rules, &items).is_ok() {
                let total: i64 = items.iter().map(|i| i.votes).sum();
                match rules.method {
                    VotingMethod::Single => prop_assert!(total <= 1),
                    VotingMethod::Multiple => {
                        prop_assert!(total <= rules.max_votes);
                        prop_assert!(items.iter().all(|i| i.votes <= rules.max_per_idea));
                    }
                    VotingMethod::Budgeting => {
                        prop_assert!(spent(&items) <= rules.budget);
                        prop_assert!(items.iter().all(|i| i.votes == 1 && i.cost.is_some()));
                    }
                }
                if let Some(max) = rules.max_ideas {
                    prop_assert!(items.len() as i64 <= max);
                }
            }
        }

        /// Taking an idea out of an acceptable basket keeps it acceptable (so a voter can
        /// always get back under the limits).
        #[test]
        fn removing_an_idea_never_breaks_the_limits(rules in rules_strategy(), items in basket_strategy(), k in 0..8usize) {
            if check_basket(&rules, &items).is_ok() && !items.is_empty() {
                let mut fewer = items.clone();
                fewer.remove(k % items.len());
                prop_assert!(check_basket(&rules, &fewer).is_ok());
            }
        }

        /// A submission is a basket that also meets the minimums.
        #[test]
        fn submissions_meet_the_minimums(rules in rules_strategy(), items in basket_strategy()) {
            if check_submission(&rules, &items).is_ok() {
                prop_assert!(check_basket(&rules, &items).is_ok());
                prop_assert!(!items.is_empty() && items.len() as i64 >= rules.min_ideas);
                if rules.method == VotingMethod::Budgeting {
                    prop_assert!(spent(&items) >= rules.min_spend);
                    prop_assert!(spent(&items) * 100 >= rules.budget * rules.min_spend_percent);
                }
            }
        }
    }

    #[test]
    fn settings_become_rules() {
        let settings = serde_json::json!({ "voting_method": "budgeting", "budget": 1000, "min_spend_percent": 50 });
        let rules = Rules::from_settings(settings.as_object().unwrap_or(&Map::new()));
        assert_eq!((rules.method, rules.budget, rules.least_spend()), (VotingMethod::Budgeting, 1000, 500));
        let items = [Item { idea: 1, votes: 1, cost: Some(600) }, Item { idea: 2, votes: 1, cost: Some(500) }];
        assert_eq!(check_basket(&rules, &items), Err(BasketError::OverBudget));
        assert_eq!(check_submission(&rules, &items[1..]), Ok(()));
        assert_eq!(
            check_submission(&rules, &[Item { idea: 3, votes: 1, cost: Some(100) }]),
            Err(BasketError::UnderMinimumSpend)
        );
    }
}
