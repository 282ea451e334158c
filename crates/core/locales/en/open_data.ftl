# SPDX-License-Identifier: AGPL-3.0-only

## Open data: the page, the datasets and the data dictionary (what each field means)
open-data-title = Open data
open-data-footer-link = Open data
open-data-intro = The public content of this platform as datasets for reuse: projects, their phases, ideas, and the results of votes and polls once they are public. Each dataset can be downloaded as CSV or JSON; the tables below say what each field means.
open-data-anonymised = The datasets hold only what anyone can see on this site. They name no one: no authors, names, e-mail addresses or account numbers, and no one's own vote or answer, only totals. Drafts, hidden ideas and projects that are not public are left out.
open-data-licence = The organisation that runs this platform states the licence under which the data may be reused. Ask them if it is not stated on their site.
open-data-tracked-results = Results tracked after a project (what was built, what it cost) are not part of the datasets yet: they will be added with implementation tracking.
open-data-formats = CSV files use commas, UTF-8 and a first row with the field names; empty means no value. JSON files hold one array of objects with the same fields, null for no value. Moments are in UTC (RFC 3339).
open-data-download-csv = { $dataset } as CSV
open-data-download-json = { $dataset } as JSON
open-data-fields-caption = The fields of { $dataset }
open-data-column-field = Field
open-data-column-type = Type
open-data-column-meaning = Meaning
open-data-type-integer = whole number
open-data-type-number = decimal number
open-data-type-boolean = true or false
open-data-type-text = text
open-data-type-datetime = date and time (UTC)

open-data-dataset-projects = Projects
open-data-dataset-projects-summary = One row per public project, archived ones included.
open-data-dataset-phases = Phases
open-data-dataset-phases-summary = One row per phase of a public project, in the order they were created.
open-data-dataset-ideas = Ideas
open-data-dataset-ideas-summary = One row per published idea of a public project; drafts and ideas hidden by a moderator are left out, and so is who posted them.
open-data-dataset-voting-results = Voting results
open-data-dataset-voting-results-summary = One row per idea that received votes in a vote that has ended and whose results are public, as its results page shows them.
open-data-dataset-poll-results = Poll results
open-data-dataset-poll-results-summary = One row per answer option of a poll that has ended and whose results are public: how many chose it.

open-data-title-in = The title in { $language ->
    [nl] Dutch
    [fr] French
   *[en] English
}; empty when it has none in that language.
open-data-project-id = The project it belongs to (the id in projects).
open-data-projects-id = The project's number; other datasets refer to it as project_id.
open-data-projects-slug = The project's address name: its page is /projects/ followed by it.
open-data-projects-status = published (open or coming) or archived (finished, kept for reference).
open-data-projects-starts-at = When its first phase starts; empty without phases.
open-data-projects-ends-at = When its last phase ends; empty while a phase has no end date.
open-data-projects-created-at = When the project was created.
open-data-projects-url = The address of the project's page.
open-data-phases-id = The phase's number; other datasets refer to it as phase_id.
open-data-phases-method = How residents take part in it: ideation, voting, poll, survey, volunteering or information (more with paid modules).
open-data-phases-starts-at = When the phase starts.
open-data-phases-ends-at = When the phase ends; empty when it has no end date.
open-data-phases-results-public = Whether its results are public now: the phase has ended and its results were made public (they are then in voting-results or poll-results).
open-data-ideas-id = The idea's number; results refer to it as idea_id.
open-data-ideas-phase-id = The phase in which it was posted (the id in phases).
open-data-ideas-title = The title, as its author wrote it.
open-data-ideas-body = The description as plain text, without formatting.
open-data-ideas-status = The organisation's status of the idea (its code on this platform).
open-data-ideas-status-category = What that status counts as, the same on every platform: proposed, under_consideration, accepted, implemented or rejected.
open-data-ideas-topics = Its topics, in the platform's default language, separated by a semicolon; empty without topics.
open-data-ideas-area = Its area, in the platform's default language; empty without an area.
open-data-ideas-published-at = When it was published.
open-data-ideas-supports = How many residents support it.
open-data-ideas-dislikes = How many residents dislike it (0 where dislikes are not offered).
open-data-ideas-comments = How many comments it has.
open-data-ideas-cost = What it would cost, in the platform's currency, when the organisation set a cost.
open-data-ideas-latitude = The latitude of the place it is about (WGS 84), when one was given.
open-data-ideas-longitude = The longitude of the place it is about (WGS 84), when one was given.
open-data-ideas-url = The address of the idea's page.
open-data-results-phase-id = The phase the results are of (the id in phases).
open-data-voting-method = How the vote worked: single (one vote), multiple (several votes) or budgeting (a budget to spend).
open-data-voting-idea-id = The idea (the id in ideas; an idea hidden after the vote is not in ideas).
open-data-voting-rank = Its place in the results: 1 has the most votes (equal totals by idea number).
open-data-voting-votes = The votes it received.
open-data-voting-voters = How many voters gave it at least one vote.
open-data-voting-within-budget = For budgeting: whether it fits in the budget, taking ideas in rank order; empty for other methods.
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
