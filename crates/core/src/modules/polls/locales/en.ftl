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
action-taking_poll = Answer the poll
poll-option = Option
poll-answers = Answers
poll-thanks = Thank you: your answers are recorded.
poll-choose-between = Choose { $min } to { $max }.
poll-submit = Send my answers
poll-empty = The questions are not ready yet.
poll-results = { $count ->
    [one] Results of 1 response
   *[other] Results of { $count } responses
}
poll-questions = { $count ->
    [one] 1 question
   *[other] { $count } questions
}
poll-kind-single = one choice
poll-kind-multiple = several choices
poll-delete-question = Delete “{ $title }”
poll-download = Download the responses (CSV)
poll-new-title = New question
poll-new-kind = Answers
poll-new-min = At least (several choices)
poll-new-max = At most (several choices)
poll-new-options = Options, one per line
poll-add-question = Add the question
dashboard-metric-poll_responses = Poll answers
poll-responses = { $count ->
    [one] 1 response
   *[other] { $count } responses
}
exports-kind-poll-responses = Poll answers
open-data-dataset-poll-results = Poll results
open-data-dataset-poll-results-summary = One row per answer option of a poll that has ended and whose results are public: how many chose it.
open-data-poll-question-id = The question's number.
open-data-poll-question-in = The question in { $language ->
    [nl] Dutch
    [fr] French
   *[en] English
}; empty when it has none in that language.
open-data-poll-option-id = The answer option's number.
open-data-poll-option-in = The answer option in { $language ->
    [nl] Dutch
    [fr] French
   *[en] English
}; empty when it has none in that language.
open-data-poll-votes = How many respondents chose this option.
open-data-poll-responses = How many residents answered the poll.
