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
