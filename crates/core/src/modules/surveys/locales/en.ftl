# SPDX-License-Identifier: AGPL-3.0-only
method-survey = Survey
error-not_a_survey_phase = This phase is not a survey.
error-survey_empty = This survey has no questions yet.
error-survey_already_answered = You have answered this survey already.
error-survey_has_responses = People have answered already: questions can no longer be added or deleted.
error-survey_shape_locked = People have answered already: only the wording of a question can change.
error-survey_kind_invalid = Choose a kind of question.
error-survey_options_count = A choice question needs 2 to 30 options, one per line.
error-survey_bounds_invalid = The lowest value must not be above the highest, and a choice count must fit the options.
error-survey_scale_invalid = A scale starts at 0 or 1 and ends at 2 to 11.
error-survey_rows_count = A matrix needs 1 to 20 rows, one per line.
error-answers_invalid = Some answers need attention; see the questions marked below.
error-answer_unknown_question = This answer is for a question that is not in this survey.
error-answer_repeated = This question was answered twice.
error-answer_required = Answer this question.
error-answer_too_long = This answer is too long.
error-answer_choice_invalid = Choose one of the options shown.
error-answer_choice_count = Choose as many options as the question asks.
error-answer_number_invalid = Enter a number, such as 12 or 3.5.
error-answer_number_range = Enter a number within the range shown.
error-answer_scale_invalid = Choose a point on the scale.
error-answer_matrix_incomplete = Rate every row.
error-answer_date_invalid = Enter a date as YYYY-MM-DD.
error-confirm_email_to_answer = Someone with your e-mail address already answered this survey, from an account that no longer exists. Confirm your address (see the e-mail we sent you): your answers then replace those.
action-taking_survey = Answer the survey
survey-required = (required)
survey-optional = (optional)
survey-number-range = From { $min } to { $max }.
survey-choose-between = Choose { $min } to { $max }.
survey-thanks = Thank you: your answers are recorded.
survey-see-results = See the results
survey-empty = The questions are not ready yet.
survey-page-of = Page { $page } of { $pages }
survey-next = Next page
survey-previous = Previous page
survey-send = Send my answers
survey-intro = { $count ->
    [one] One question
   *[other] { $count } questions
} on { $pages ->
    [one] one page.
   *[other] { $pages } pages.
}
survey-start = Answer the survey
survey-responses = { $count ->
    [one] 1 response
   *[other] { $count } responses
}
survey-download = Download the responses (CSV)
survey-answered = { $count ->
    [one] Answered by 1 person
   *[other] Answered by { $count } people
}
survey-mean = average { $mean }
survey-col-answer = Answer
survey-col-statement = Statement
survey-col-mean = Average
survey-col-answers = Answers
survey-col-share = Share
survey-minimum = Lowest
survey-maximum = Highest
survey-earliest = Earliest
survey-latest = Latest
survey-latest-texts = Latest answers
survey-texts-private = Written answers are shown to the project's moderators only.
survey-results-closed-title = The results are not public
survey-results-closed-body = The organisers publish the results of this survey after it ends, if they choose to.
survey-back = Back to the survey
survey-kind-short_text = Short text
survey-kind-long_text = Long text
survey-kind-single = One choice
survey-kind-multiple = Several choices
survey-kind-number = Number
survey-kind-scale = Linear scale
survey-kind-matrix = Matrix of scales
survey-kind-date = Date
survey-kind-page_break = Page break
survey-builder-open = Build the survey “{ $title }”
survey-builder-heading = Survey: { $title }
survey-builder-back = Back to the project
survey-builder-preview = See it as a resident
survey-builder-locked = People have responded: you can still reword questions and change their order, but not add, delete or reshape them.
survey-builder-questions = Questions
survey-builder-page = page { $page }
survey-builder-up = Move “{ $title }” up
survey-builder-down = Move “{ $title }” down
survey-builder-delete = Delete “{ $title }”
survey-builder-edit = Edit “{ $title }”
survey-builder-save = Save the question
survey-builder-add = Add the question
survey-builder-add-hint = Texts are saved in the language this page is shown in. Switch language to write the other versions.
survey-builder-kind = Kind of question
survey-builder-title = Question
survey-builder-help = Help text (optional)
survey-builder-required = An answer is required
survey-builder-more = Options, bounds and scale
survey-builder-options = Options (choice questions), one per line
survey-builder-rows = Rows (matrix), one per line
survey-builder-min = Lowest (fewest choices, smallest number, or scale start 0 or 1)
survey-builder-max = Highest (most choices, largest number, or scale end 2 to 11)
survey-builder-min-label = Label of the scale's start
survey-builder-max-label = Label of the scale's end
dashboard-metric-survey_responses = Survey responses
purpose-taking_survey = answer the survey
exports-kind-survey-responses = Survey answers
