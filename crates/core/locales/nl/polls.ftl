# SPDX-License-Identifier: AGPL-3.0-only
method-poll = Peiling
error-not_a_poll_phase = Deze fase is geen peiling.
error-poll_options_count = Een vraag heeft 2 tot 20 opties nodig.
error-poll_kind_invalid = Kies één of meer keuzes.
error-poll_choices_invalid = Het aantal keuzes moet passen bij het aantal opties.
error-poll_has_responses = Er zijn al antwoorden: de vragen kunnen niet meer veranderen.
error-poll_answer_invalid = Deze antwoorden horen niet bij deze peiling.
error-poll_answer_count = Beantwoord elke vraag met het gevraagde aantal keuzes.
error-poll_already_answered = Je hebt deze peiling al beantwoord.
