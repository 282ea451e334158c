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
ideas-post = Proposez votre idée
ideas-field-title = Titre de votre idée
ideas-field-body = Décrivez votre idée
ideas-submit = Publier mon idée
ideas-none = Aucune idée pour l’instant. Soyez le premier à en partager une !
ideas-anonymous = Un ancien participant
ideas-back = Retour au projet
ideas-support = Soutenir cette idée
ideas-unsupport = Retirer mon soutien
ideas-support-count = { $count ->
    [0] Pas encore de soutien
    [one] Une personne soutient cette idée
   *[other] { $count } personnes soutiennent cette idée
}
ideas-filter-label = Trouver des idées
ideas-search = Rechercher
ideas-sort = Ordre
ideas-sort-trending = Tendances
ideas-sort-most_reacted = Les plus soutenues
ideas-sort-newest = Les plus récentes
ideas-sort-most_discussed = Les plus discutées
ideas-sort-random = Au hasard
ideas-topic = Thème
ideas-status = Statut
ideas-area = Quartier
ideas-any = Tous
ideas-apply = Afficher les idées
ideas-clear = Effacer les filtres
ideas-list-label = Idées
ideas-list-failed = Cette liste ne peut pas être affichée. Recommencez à la première page.
ideas-none-found = Aucune idée ne correspond. Essayez d’autres mots ou moins de filtres.
ideas-more = Plus d’idées
ideas-support-short = { $count ->
    [one] 1 soutien
   *[other] { $count } soutiens
}
ideas-comments-short = { $count ->
    [one] 1 commentaire
   *[other] { $count } commentaires
}
ideas-oppose = S’opposer à cette idée
ideas-unoppose = Retirer mon opposition
ideas-oppose-count = { $count ->
    [0] Personne ne s’oppose à cette idée
    [one] Une personne s’oppose à cette idée
   *[other] { $count } personnes s’opposent à cette idée
}
ideas-field-topics = Thèmes
ideas-field-area = Quartier
ideas-field-no-area = Pas de quartier en particulier
ideas-field-address = Adresse ou lieu (facultatif)
ideas-field-address-hint = Par exemple : au coin de la rue de la Gare et de la place du Marché.
ideas-field-images = Images (facultatif)
ideas-field-images-hint = Jusqu’à { $count } images de 5 Mo au plus : PNG, JPEG, WebP ou GIF. Les données de localisation des photos sont retirées.
ideas-field-attachments = Documents (facultatif)
ideas-field-attachments-hint = Jusqu’à { $count } fichiers de 5 Mo au plus : PDF, documents bureautiques, images ou texte brut.
ideas-edit = Modifier ou supprimer
ideas-edit-title = Modifier votre idée
ideas-edit-back = Retour à l’idée
ideas-edit-files = Retirer des images ou des documents
ideas-edit-remove = Retirer { $name }
ideas-edit-save = Enregistrer les modifications
ideas-delete-title = Supprimer l’idée
ideas-delete-lead = L’idée, ses commentaires, ses soutiens et ses fichiers sont supprimés définitivement.
ideas-delete = Supprimer « { $title } »
ideas-image-alt = Image { $number } de « { $title } »
ideas-attachments = Documents
ideas-file-size = { $kb } ko
ideas-save-draft = Enregistrer comme brouillon
ideas-your-drafts = Vos brouillons
ideas-draft-notice = Ceci est un brouillon : seuls vous et les modérateurs du projet pouvez le voir.
ideas-publish = Publier l’idée
ideas-sort-cost_asc = Les moins chères
ideas-sort-cost_desc = Les plus chères
open-data-dataset-ideas = Idées
open-data-dataset-ideas-summary = Une ligne par idée publiée d'un projet public ; les brouillons et les idées masquées par un modérateur en sont exclus, de même que leurs auteurs.
open-data-ideas-id = Le numéro de l'idée ; les résultats s'y réfèrent par idea_id.
open-data-ideas-phase-id = La phase dans laquelle elle a été publiée (l'id dans phases).
open-data-ideas-title = Le titre, tel que son auteur l'a écrit.
open-data-ideas-body = La description en texte brut, sans mise en forme.
open-data-ideas-status = Le statut que l'organisation a donné à l'idée (son code sur cette plateforme).
open-data-ideas-status-category = Ce à quoi ce statut correspond, le même sur toutes les plateformes : proposed, under_consideration, accepted, implemented ou rejected.
open-data-ideas-topics = Ses thèmes, dans la langue par défaut de la plateforme, séparés par un point-virgule ; vide sans thèmes.
open-data-ideas-area = Son quartier, dans la langue par défaut de la plateforme ; vide sans quartier.
open-data-ideas-published-at = Quand elle a été publiée.
open-data-ideas-supports = Combien d'habitants la soutiennent.
open-data-ideas-dislikes = Combien d'habitants ne l'aiment pas (0 là où ce n'est pas proposé).
open-data-ideas-comments = Combien de commentaires elle a.
open-data-ideas-cost = Ce qu'elle coûterait, dans la monnaie de la plateforme, quand l'organisation a fixé un coût.
open-data-ideas-latitude = La latitude du lieu dont elle parle (WGS 84), quand il a été indiqué.
open-data-ideas-longitude = La longitude du lieu dont elle parle (WGS 84), quand il a été indiqué.
open-data-ideas-url = L'adresse de la page de l'idée.
