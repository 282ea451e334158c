# SPDX-License-Identifier: AGPL-3.0-only
method-poll = Poll
error-not_a_poll_phase = This phase is not a poll.
error-poll_options_count = A question needs 2 to 20 options.
error-poll_kind_invalid = Choose single or multiple choice.
error-poll_choices_invalid = The number of choices must fit the number of options.
error-poll_has_responses = People have answered already: the questions can no longer change.
error-poll_answer_invalid = These answers do not belong to this poll.
error-poll_answer_count = Answer every question with the number of choices it asks for.
error-poll_already_answered = You have answered this poll already.
