# SPDX-License-Identifier: AGPL-3.0-only

error-slug_invalid = Utilisez de 1 à 80 lettres minuscules, chiffres et tirets.
error-slug_taken = Un autre projet utilise cette adresse.
error-visibility_invalid = Choisissez qui peut voir le projet.
error-status_invalid = Choisissez brouillon, publié ou archivé.
error-text_required = Écrivez-le dans au moins une langue.
error-text_too_long = Le texte est trop long.
error-method_unknown = Cette méthode de participation n’est pas disponible.
error-method_disallows = Cette phase ne propose pas cela.
error-end_before_start = La fin doit venir après le début.
error-phase_overlaps = Les phases d’un projet ne peuvent pas se chevaucher.
permission-not_signed_in = Connectez-vous pour participer.
permission-not_confirmed = Confirmez votre adresse e-mail pour participer.
permission-not_permitted = Seules certaines personnes peuvent participer ici.
permission-phase_not_active = Cette phase n’est pas ouverte.
permission-project_not_published = Ce projet n’est pas encore publié.
permission-project_archived = Ce projet est archivé.
permission-method_disallows = Cette phase ne propose pas cela.
method-information = Information
method-ideation = Idées
error-not_confirmed = Confirmez d’abord votre adresse e-mail.
error-not_permitted = Seules certaines personnes peuvent faire cela ici.
error-phase_not_active = Cette phase n’est pas ouverte.
error-project_not_published = Ce projet n’est pas encore publié.
error-project_archived = Ce projet est archivé.
error-title_length = Le titre doit contenir de 3 à 120 caractères.
error-body_length = Le texte doit contenir de 1 à 10 000 caractères.
