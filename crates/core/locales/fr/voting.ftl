# SPDX-License-Identifier: AGPL-3.0-only
method-voting = Vote
error-not_a_voting_phase = Cette phase n’est pas une phase de vote.
error-votes_invalid = Donnez au moins une voix.
error-over_budget = Cela dépasse votre budget. Retirez d’abord quelque chose.
error-idea_has_no_cost = Cette idée n’a pas encore de coût et ne peut donc pas être choisie.
error-too_many_votes = Vous n’avez plus de voix. Retirez-en d’abord une.
error-too_many_votes_for_idea = C’est plus de voix qu’une idée ne peut en recevoir.
error-too_many_ideas = Vous avez choisi autant d’idées que possible.
error-basket_empty = Choisissez au moins une idée avant d’envoyer.
error-too_few_ideas = Choisissez plus d’idées avant d’envoyer.
error-under_minimum_spend = Dépensez davantage votre budget avant d’envoyer.
error-results_not_public = Les résultats ne sont pas encore publics.
error-cost_invalid = Un coût est un nombre entier positif ou nul.
mail-receipt-subject = Votre vote est enregistré
mail-receipt-body = Merci d’avoir voté. Votre reçu est { $receipt }. Gardez-le : une fois les résultats publiés, vous pourrez vérifier que votre vote figure dans la liste publiée des bulletins.
mail-receipt-action = Vérifier mon reçu
