// SPDX-License-Identifier: AGPL-3.0-only
use sea_orm::DbErr;
use townhall_license::Edition;

/// Errors of core services. Each has a stable code for translations and API clients; the
/// message never carries a raw database string to users.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("unknown feature `{0}`")]
    UnknownFeature(String),
    #[error("the feature `{id}` requires the {edition} licence")]
    FeatureNotAllowed { id: String, edition: Edition },
    #[error("the feature `{0}` is switched off")]
    FeatureDisabled(String),
    #[error("the licence key was refused: {0}")]
    LicenseRefused(String),
    #[error("this needs an administrator")]
    Forbidden,
    #[error("invalid value for `{field}`: {message}")]
    Invalid { field: String, message: String },
    /// A form field that failed a rule; `code` is the translation id suffix.
    #[error("{}", field_message(code))]
    Field { field: &'static str, code: &'static str },
    /// An answer to a registration question (named at run time, `field_12`) that failed a rule.
    #[error("{question}: {}", field_message(code))]
    Answer { question: String, code: &'static str },
    #[error("you need to sign in first")]
    NotSignedIn,
    #[error("the e-mail address or the password is not right")]
    InvalidCredentials,
    #[error("too many attempts; try again in {retry_after_secs} seconds")]
    Throttled { retry_after_secs: u64 },
    #[error("this link is not valid any more; ask for a new one")]
    TokenInvalid,
    #[error("this account is blocked")]
    Blocked,
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The permission engine said no; the code is the reason.
    #[error("not allowed here: {}", .0.code())]
    Denied(crate::permissions::Denial),
    /// Answers that break their questions' rules: each (question id, code), so a form can show
    /// every problem next to its question at once.
    #[error("some answers need attention: {}", answer_problems(.0))]
    Answers(Vec<(i32, &'static str)>),
    #[error("database error")]
    Database(DbErr),
}

impl From<DbErr> for CoreError {
    /// A write that points at a row another request deleted meanwhile (a basket change racing
    /// the idea's deletion) is refused by a foreign key: for the user the thing is gone, which
    /// is `not_found`, not a failure of the server.
    fn from(e: DbErr) -> Self {
        if let Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(detail)) = e.sql_err() {
            tracing::info!(%detail, "a write referred to a row that is gone");
            return CoreError::NotFound("item");
        }
        CoreError::Database(e)
    }
}

fn answer_problems(problems: &[(i32, &'static str)]) -> String {
    problems.iter().map(|(q, code)| format!("question {q}: {code}")).collect::<Vec<_>>().join(", ")
}

impl CoreError {
    /// A stable, machine-readable code (also the translation id suffix).
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::UnknownFeature(_) => "unknown_feature",
            CoreError::FeatureNotAllowed { .. } => "license_required",
            CoreError::FeatureDisabled(_) => "feature_disabled",
            CoreError::LicenseRefused(_) => "license_refused",
            CoreError::Forbidden => "forbidden",
            CoreError::Invalid { .. } => "invalid_input",
            CoreError::Field { code, .. } | CoreError::Answer { code, .. } => code,
            CoreError::NotSignedIn => "not_signed_in",
            CoreError::InvalidCredentials => "invalid_credentials",
            CoreError::Throttled { .. } => "throttled",
            CoreError::TokenInvalid => "token_invalid",
            CoreError::Blocked => "blocked",
            CoreError::NotFound(_) => "not_found",
            CoreError::Denied(d) => d.code(),
            CoreError::Answers(_) => "answers_invalid",
            CoreError::Database(_) => "internal",
        }
    }

    /// The message shown to users: the database detail stays in the logs.
    pub fn public_message(&self) -> String {
        match self {
            CoreError::FeatureNotAllowed { edition, .. } => {
                format!("requires the {} licence", edition_title(*edition))
            }
            CoreError::Database(_) => "something went wrong on our side; please try again".into(),
            other => other.to_string(),
        }
    }
}

/// English text of a field rule; the UI translates the code instead.
fn field_message(code: &str) -> &'static str {
    match code {
        "email_invalid" => "enter a valid e-mail address",
        "password_too_short" => "the password needs at least 10 characters",
        "password_too_long" => "the password is too long",
        "password_too_common" => "this password is too easy to guess; choose another one",
        "password_wrong" => "the current password is not right",
        "password_sign_in_off" => "signing in with a password is switched off for this account; use a sign-in service",
        "password_sign_up_off" => "creating an account with a password is switched off; use a sign-in service",
        "email_taken" => "an account with this e-mail address exists already",
        "display_name_invalid" => "the name needs 1 to 80 characters",
        "locale_invalid" => "this language is not offered",
        "reason_required" => "give a reason",
        "name_too_long" => "at most 80 characters",
        "bio_too_long" => "at most 500 characters",
        "image_invalid" => "upload a PNG, JPEG, WebP or GIF picture",
        "image_too_large" => "the picture is larger than 5 MB",
        "image_over_12_megapixels" => {
            "the picture has more than 12 megapixels; use a smaller one (such as 4000 × 3000)"
        }
        "image_over_25_megapixels" => {
            "the picture has more than 25 megapixels; use a smaller one (such as 6000 × 4000)"
        }
        "image_uploads_throttled" => "you have uploaded many pictures in the last hour; try again in an hour",
        "color_invalid" => "enter a colour as #rrggbb",
        "color_low_contrast" => "white text on this colour is hard to read; choose a darker colour",
        "locales_required" => "offer at least one language",
        "default_locale_invalid" => "the default language must be one of the offered languages",
        "slug_invalid" => "use 1 to 80 lowercase letters, digits and dashes",
        "slug_taken" => "another project uses this address",
        "visibility_invalid" => "choose public, admins or groups",
        "groups_required" => "choose at least one group",
        "emails_required" => "enter at least one e-mail address",
        "status_category_invalid" => "choose proposed, under_consideration, accepted, implemented or rejected",
        "status_category_fixed" => "a core status counts as itself",
        "status_is_core" => "the five core statuses cannot be deleted",
        "status_in_use" => "ideas have this status; move them to another one first",
        "emails_too_many" => "at most 5,000 addresses at a time",
        "group_unknown" => "one of the chosen groups does not exist",
        "permission_level_unavailable" => "this choice needs a feature that is not active",
        "status_invalid" => "choose draft, published or archived",
        "text_required" => "write it in at least one language",
        "text_too_long" => "the text is too long",
        "method_unknown" => "this participation method is not available",
        "method_disallows" => "this phase's method has no such action",
        "end_before_start" => "the end must come after the start",
        "phase_overlaps" => "phases of a project cannot overlap",
        "title_length" => "the title needs 3 to 120 characters",
        "body_length" => "the text needs 1 to 10,000 characters",
        "date_invalid" => "enter a date as YYYY-MM-DD",
        "platform_name_invalid" => "the name needs 1 to 80 characters",
        "comment_length" => "a comment needs 1 to 5,000 characters",
        "comment_parent_invalid" => "the comment replied to is not on this idea",
        "idea_status_unknown" => "no such idea status",
        "cursor_invalid" => "the `after` cursor does not belong to this list order",
        "topic_unknown" => "no such topic",
        "area_unknown" => "no such area",
        "location_invalid" => "latitude must be in -90..90 and longitude in -180..180",
        "scope_required" => "give a projectId or a phaseId",
        "event_full" => "this event is full",
        "storage_full" => "the server's storage is full; the file was not saved, please tell the organisers",
        "storage_failed" => "the file could not be saved; please try again",
        "voting_rules_locked" => "residents have voted already, so how they vote can no longer change",
        "cost_locked" => "this idea is in residents' baskets already, so its cost can no longer change",
        "idea_has_votes" => "residents voted for this idea, so it can no longer be deleted",
        "confirm_email_to_answer" => {
            "someone with your e-mail address answered here from an account that is gone; confirm your address to replace that answer"
        }
        "confirm_email_to_vote" => {
            "someone with your e-mail address voted here from an account that is gone; confirm your address to replace that vote"
        }
        "votes_exist" => "residents voted in this phase, so it can no longer be deleted; archive the project instead",
        "voting_dates_locked" => {
            "residents voted in this phase: its start can no longer move, nor its end once the vote has ended"
        }
        "results_stay_public" => "the results of this vote were published when it ended; they stay public",
        "event_over" => "this event is over",
        "link_invalid" => "enter a web address starting with https://",
        "capacity_invalid" => "the number of places is at least 1",
        "not_a_volunteering_phase" => "this phase is not about volunteering",
        "not_a_poll_phase" => "this phase is not a poll",
        "poll_options_count" => "a question needs 2 to 20 options",
        "poll_kind_invalid" => "choose single or multiple",
        "poll_choices_invalid" => "the number of choices must fit the number of options",
        "poll_has_responses" => "people answered already; the questions can no longer change",
        "poll_answer_invalid" => "these answers do not belong to this poll",
        "poll_answer_count" => "answer every question with the number of choices it asks for",
        "poll_already_answered" => "this poll is answered already",
        "not_a_voting_phase" => "this phase is not a voting phase",
        "votes_invalid" => "give at least one vote",
        "over_budget" => "this goes over the budget",
        "idea_has_no_cost" => "this idea has no cost yet",
        "too_many_votes" => "no votes left",
        "too_many_votes_for_idea" => "more votes than one idea can get",
        "too_many_ideas" => "too many ideas chosen",
        "basket_empty" => "choose at least one idea before submitting",
        "too_few_ideas" => "choose more ideas before submitting",
        "under_minimum_spend" => "spend more of the budget before submitting",
        "results_not_public" => "the results are not public yet",
        "cost_invalid" => "a cost is a whole number of zero or more",
        "user_unknown" => "no account has this e-mail address",
        "upload_broken" => "the upload did not arrive whole",
        "attachment_invalid" => "attach a PDF, an office document, a picture or plain text",
        "attachment_too_large" => "the file is larger than 5 MB",
        "too_many_images" => "at most 5 pictures per idea",
        "too_many_attachments" => "at most 5 files per idea",
        "platform_not_empty" => "the platform already has projects; the demo only fills an empty one",
        "setting_unknown" => "this participation method has no such setting",
        "setting_invalid" => "this value does not fit the setting",
        "notification_kind_unknown" => "no such kind of notification",
        "dashboard_range_invalid" => "choose a range of 1 day to 3 years, the start before the end",
        "text_profane" => "this text contains a word that is not accepted here",
        "report_reason_invalid" => "choose spam, inappropriate or other",
        "report_text_required" => "say what is wrong",
        "report_target_invalid" => "choose idea or comment",
        "report_author_gone" => "the author's account no longer exists",
        "export_kind_invalid" => "choose what to export",
        "export_format_invalid" => "choose csv, or a format your edition offers (xlsx)",
        "export_write_failed" => "the export file could not be written; please try again",
        "export_users_platform_only" => "users are exported for the whole platform, not per project",
        "export_confirm_personal" => "confirm that you need the personal data in this export",
        "export_no_personal_variant" => {
            "this export has no personal variant: it names no one (votes are pseudonymous); export it without personal data"
        }
        "currency_invalid" => "enter a currency as three capital letters, such as EUR",
        "time_zone_invalid" => "enter a time zone such as Europe/Brussels",
        "not_a_survey_phase" => "this phase is not a survey",
        "survey_empty" => "this survey has no questions yet",
        "survey_already_answered" => "this survey is answered already",
        "survey_has_responses" => "people answered already; questions can no longer be added or deleted",
        "survey_shape_locked" => "people answered already; only the wording of a question can change",
        "survey_kind_invalid" => {
            "choose short_text, long_text, single, multiple, number, scale, matrix, date or page_break"
        }
        "survey_options_count" => "a choice question needs 2 to 30 options",
        "survey_bounds_invalid" => "min must not be above max, and choice counts must fit the options",
        "survey_scale_invalid" => "a scale starts at 0 or 1 and ends at 2 to 11",
        "survey_rows_count" => "a matrix needs 1 to 20 rows",
        "first_out_of_range" => "ask for 1 to 100 items at a time",
        "changes_pruned" => {
            "changes this old are no longer kept; read the lists again, then follow the changes from now"
        }
        _ => "this value is not valid",
    }
}

fn edition_title(edition: Edition) -> &'static str {
    match edition {
        Edition::Core => "Core",
        Edition::Standard => "Standard",
        Edition::Premium => "Premium",
    }
}

pub type CoreResult<T> = Result<T, CoreError>;
