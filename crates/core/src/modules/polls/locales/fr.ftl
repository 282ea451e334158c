# SPDX-License-Identifier: AGPL-3.0-only
method-poll = Sondage
error-not_a_poll_phase = Cette phase n’est pas un sondage.
error-poll_options_count = Une question a besoin de 2 à 20 options.
error-poll_kind_invalid = Choisissez un choix unique ou multiple.
error-poll_choices_invalid = Le nombre de choix doit convenir au nombre d’options.
error-poll_has_responses = Des personnes ont déjà répondu : les questions ne peuvent plus changer.
error-poll_answer_invalid = Ces réponses n’appartiennent pas à ce sondage.
error-poll_answer_count = Répondez à chaque question avec le nombre de choix demandé.
error-poll_already_answered = Vous avez déjà répondu à ce sondage.
action-taking_poll = Répondre au sondage
poll-option = Option
poll-answers = Réponses
poll-thanks = Merci : vos réponses sont enregistrées.
poll-choose-between = Choisissez-en de { $min } à { $max }.
poll-submit = Envoyer mes réponses
poll-empty = Les questions ne sont pas encore prêtes.
poll-results = { $count ->
    [one] Résultats d’une réponse
   *[other] Résultats de { $count } réponses
}
poll-questions = { $count ->
    [one] 1 question
   *[other] { $count } questions
}
poll-kind-single = un seul choix
poll-kind-multiple = plusieurs choix
poll-delete-question = Supprimer « { $title } »
poll-download = Télécharger les réponses (CSV)
poll-new-title = Nouvelle question
poll-new-kind = Réponses
poll-new-min = Au moins (plusieurs choix)
poll-new-max = Au plus (plusieurs choix)
poll-new-options = Options, une par ligne
poll-add-question = Ajouter la question
dashboard-metric-poll_responses = Réponses aux sondages
poll-responses = { $count ->
    [one] 1 réponse
   *[other] { $count } réponses
}
exports-kind-poll-responses = Réponses aux sondages
open-data-dataset-poll-results = Résultats des sondages
open-data-dataset-poll-results-summary = Une ligne par option de réponse d'un sondage terminé dont les résultats sont publics : combien l'ont choisie.
open-data-poll-question-id = Le numéro de la question.
open-data-poll-question-in = La question en { $language ->
    [nl] néerlandais
    [fr] français
   *[en] anglais
} ; vide s'il n'y en a pas dans cette langue.
open-data-poll-option-id = Le numéro de l'option de réponse.
open-data-poll-option-in = L'option de réponse en { $language ->
    [nl] néerlandais
    [fr] français
   *[en] anglais
} ; vide s'il n'y en a pas dans cette langue.
open-data-poll-votes = Combien de répondants ont choisi cette option.
open-data-poll-responses = Combien d'habitants ont répondu au sondage.
