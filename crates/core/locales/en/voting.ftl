# SPDX-License-Identifier: AGPL-3.0-only
method-voting = Voting
error-not_a_voting_phase = This phase is not a voting phase.
error-votes_invalid = Give at least one vote.
error-over_budget = This goes over your budget. Remove something first.
error-idea_has_no_cost = This idea has no cost yet, so it cannot be chosen.
error-too_many_votes = You have no votes left. Remove one first.
error-too_many_votes_for_idea = That is more votes than one idea can get.
error-too_many_ideas = You have chosen as many ideas as you can.
error-basket_empty = Choose at least one idea before you submit.
error-too_few_ideas = Choose more ideas before you submit.
error-under_minimum_spend = Spend more of your budget before you submit.
error-results_not_public = The results are not public yet.
error-cost_invalid = A cost is a whole number of zero or more.
mail-receipt-subject = Your vote is recorded
mail-receipt-body = Thank you for voting. Your receipt is { $receipt }. Keep it: once the results are published you can check that your vote is in the published list of ballots.
mail-receipt-action = Check my receipt
