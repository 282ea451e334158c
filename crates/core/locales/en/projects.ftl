# SPDX-License-Identifier: AGPL-3.0-only

error-slug_invalid = Use 1 to 80 lowercase letters, digits and dashes.
error-slug_taken = Another project uses this address.
error-visibility_invalid = Choose who can see the project.
error-status_invalid = Choose draft, published or archived.
error-text_required = Write it in at least one language.
error-text_too_long = The text is too long.
error-method_unknown = This participation method is not available.
error-method_disallows = This phase does not offer that.
error-end_before_start = The end must come after the start.
error-phase_overlaps = Phases of a project cannot overlap.
permission-not_signed_in = Sign in to take part.
permission-not_confirmed = Confirm your e-mail address to take part.
permission-not_permitted = Only some people can take part here.
permission-phase_not_active = This phase is not open.
permission-project_not_published = This project is not published yet.
permission-project_archived = This project is archived.
permission-method_disallows = This phase does not offer that.
method-information = Information
method-ideation = Ideas
error-not_confirmed = Confirm your e-mail address first.
error-not_permitted = Only some people can do this here.
error-phase_not_active = This phase is not open.
error-project_not_published = This project is not published yet.
error-project_archived = This project is archived.
error-title_length = The title needs 3 to 120 characters.
error-body_length = The text needs 1 to 10,000 characters.
