# SPDX-License-Identifier: AGPL-3.0-only
feature-profanity_filter_en = Profanity filter: English words
feature-profanity_filter_nl = Profanity filter: Dutch words
feature-profanity_filter_fr = Profanity filter: French words
error-text_profane = This text contains a word that is not accepted here. Please rephrase it.
error-report_reason_invalid = Choose why you report this.
error-report_text_required = Tell the moderators what is wrong.
error-report_target_invalid = Only ideas and comments can be reported.
error-report_author_gone = The author's account no longer exists.
