# SPDX-License-Identifier: AGPL-3.0-only
method-voting = Stemmen
error-not_a_voting_phase = Deze fase is geen stemfase.
error-votes_invalid = Geef minstens één stem.
error-over_budget = Dit gaat over je budget. Haal eerst iets weg.
error-idea_has_no_cost = Dit idee heeft nog geen kostprijs en kan dus niet gekozen worden.
error-too_many_votes = Je hebt geen stemmen meer. Haal er eerst een weg.
error-too_many_votes_for_idea = Dat zijn meer stemmen dan één idee kan krijgen.
error-too_many_ideas = Je hebt al zoveel ideeën gekozen als kan.
error-basket_empty = Kies minstens één idee voor je indient.
error-too_few_ideas = Kies meer ideeën voor je indient.
error-under_minimum_spend = Besteed meer van je budget voor je indient.
error-results_not_public = De resultaten zijn nog niet openbaar.
error-cost_invalid = Een kostprijs is een geheel getal van nul of meer.
mail-receipt-subject = Je stem is geregistreerd
mail-receipt-body = Bedankt om te stemmen. Je ontvangstbewijs is { $receipt }. Bewaar het: zodra de resultaten bekend zijn, kun je nagaan dat je stem in de gepubliceerde lijst van stembiljetten staat.
mail-receipt-action = Mijn ontvangstbewijs nagaan
