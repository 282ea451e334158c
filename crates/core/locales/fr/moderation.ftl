# SPDX-License-Identifier: AGPL-3.0-only
feature-profanity_filter_en = Filtre de grossièretés : mots anglais
feature-profanity_filter_nl = Filtre de grossièretés : mots néerlandais
feature-profanity_filter_fr = Filtre de grossièretés : mots français
error-text_profane = Ce texte contient un mot qui n’est pas accepté ici. Merci de le reformuler.
error-report_reason_invalid = Choisissez pourquoi vous signalez ce contenu.
error-report_text_required = Dites aux modérateurs ce qui ne va pas.
error-report_target_invalid = Seuls les idées et les commentaires peuvent être signalés.
error-report_author_gone = Le compte de l’auteur n’existe plus.
