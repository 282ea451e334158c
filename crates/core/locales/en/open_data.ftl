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
open-data-results-phase-id = The phase the results are of (the id in phases).
