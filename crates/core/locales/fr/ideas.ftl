# SPDX-License-Identifier: AGPL-3.0-only
error-comment_length = Un commentaire compte de 1 à 5 000 caractères.
error-comment_parent_invalid = Le commentaire auquel vous répondez ne porte pas sur cette idée.
error-idea_status_unknown = Choisissez l’un des statuts proposés.
error-cursor_invalid = Ce lien de page ne fonctionne plus ; recommencez à la première page.
error-topic_unknown = Choisissez des thèmes dans la liste.
error-area_unknown = Choisissez un quartier dans la liste.
error-location_invalid = Un lieu a une latitude entre -90 et 90 et une longitude entre -180 et 180.
error-scope_required = Indiquez le projet ou la phase à afficher.
error-attachment_invalid = Joignez un PDF, un document bureautique, une image ou du texte brut.
error-attachment_too_large = Le fichier dépasse 5 Mo.
error-too_many_images = Une idée a au plus 5 images.
error-too_many_attachments = Une idée a au plus 5 fichiers.
error-platform_not_empty = La plateforme a déjà des projets ; la démo ne remplit qu’une plateforme vide.
error-upload_broken = L’envoi n’est pas arrivé complet ; veuillez réessayer.
exports-kind-ideas = Idées
exports-kind-comments = Commentaires
exports-kind-reactions = Soutiens et désaccords
