# SPDX-License-Identifier: AGPL-3.0-only
feature-profanity_filter_en = Scheldwoordenfilter: Engelse woorden
feature-profanity_filter_nl = Scheldwoordenfilter: Nederlandse woorden
feature-profanity_filter_fr = Scheldwoordenfilter: Franse woorden
error-text_profane = Deze tekst bevat een woord dat hier niet aanvaard wordt. Formuleer het anders.
error-report_reason_invalid = Kies waarom je dit meldt.
error-report_text_required = Vertel de moderatoren wat er mis is.
error-report_target_invalid = Alleen ideeën en reacties kunnen gemeld worden.
error-report_author_gone = Het account van de auteur bestaat niet meer.
