# SPDX-License-Identifier: AGPL-3.0-only
notification-comment_on_idea = { $actor } a commenté votre idée « { $idea } ».
notification-reply_to_comment = { $actor } a répondu à votre commentaire sur « { $idea } ».
notification-idea_update = { $changed ->
    [status] « { $idea } », que vous suivez, est maintenant : { $status }.
   *[other] L’organisation a répondu à « { $idea } », que vous suivez.
}
notification-phase_started = Une nouvelle phase a commencé dans « { $project } » : { $phase }.
notification-content_hidden = Un modérateur a masqué votre { $what ->
    [comment] commentaire sur
   *[other] idée
} « { $idea } » : { $reason }
notification-rights_received = { $role ->
    [admin] Vous êtes maintenant administrateur de la plateforme.
   *[other] Vous modérez maintenant « { $project } ».
}
notification-new_idea = { $actor } a publié une nouvelle idée dans un projet que vous modérez : « { $idea } ».
notification-voting_last_day = C’est aujourd’hui le dernier jour pour voter dans « { $project } », et votre panier n’est pas soumis.
notification-results_published = Les résultats de « { $phase } » dans « { $project } » sont publiés.
notification-event_tomorrow = « { $event } », auquel vous êtes inscrit, a lieu demain.
notification-kind-comment_on_idea = Commentaires sur mes idées
notification-kind-reply_to_comment = Réponses à mes commentaires
notification-kind-idea_update = Réponses et changements de statut des idées que je suis
notification-kind-phase_started = Nouvelles phases des projets que je suis
notification-kind-content_hidden = Mes idées ou commentaires masqués par un modérateur
notification-kind-rights_received = Droits que je reçois
notification-kind-new_idea = Nouvelles idées dans les projets que je modère
notification-kind-voting_last_day = Le dernier jour d’un vote auquel je n’ai pas participé
notification-kind-results_published = Résultats de vote publiés
notification-kind-event_tomorrow = Événements auxquels je suis inscrit, la veille
mail-notify-footer = Vous recevez cet e-mail selon vos réglages de notifications. Pour ne plus recevoir ces e-mails :
mail-notify-comment_on_idea-subject = Nouveau commentaire sur « { $idea } »
mail-notify-comment_on_idea-body = { $actor } a commenté votre idée « { $idea } ».
mail-notify-comment_on_idea-action = Lire le commentaire
mail-notify-reply_to_comment-subject = Une réponse à votre commentaire sur « { $idea } »
mail-notify-reply_to_comment-body = { $actor } a répondu à votre commentaire sur « { $idea } ».
mail-notify-reply_to_comment-action = Lire la réponse
mail-notify-idea_update-subject = Du nouveau sur « { $idea } »
mail-notify-idea_update-body = { $changed ->
    [status] « { $idea } », que vous suivez, est maintenant : { $status }.
   *[other] L’organisation a répondu à « { $idea } », que vous suivez.
}
mail-notify-idea_update-action = Voir la réponse
mail-notify-phase_started-subject = Une nouvelle phase dans « { $project } »
mail-notify-phase_started-body = Une nouvelle phase a commencé dans « { $project } », que vous suivez : { $phase }.
mail-notify-phase_started-action = Participer
mail-notify-content_hidden-subject = Votre contribution a été masquée
mail-notify-content_hidden-body = Un modérateur a masqué votre contribution sur « { $idea } ». Le motif : { $reason }
mail-notify-content_hidden-action = La voir
mail-notify-rights_received-subject = Nouveaux droits sur { $platform }
mail-notify-rights_received-body = { $role ->
    [admin] Vous êtes maintenant administrateur de la plateforme.
   *[other] Vous modérez maintenant « { $project } ».
}
mail-notify-rights_received-action = Ouvrir l’administration
mail-notify-new_idea-subject = Nouvelle idée : « { $idea } »
mail-notify-new_idea-body = { $actor } a publié une nouvelle idée dans un projet que vous modérez : « { $idea } ».
mail-notify-new_idea-action = Lire l’idée
mail-notify-voting_last_day-subject = Dernier jour pour voter dans « { $project } »
mail-notify-voting_last_day-body = C’est aujourd’hui le dernier jour pour voter dans « { $project } », et votre panier n’est pas soumis.
mail-notify-voting_last_day-action = Voter
mail-notify-results_published-subject = Résultats de « { $phase } »
mail-notify-results_published-body = Les résultats de « { $phase } » dans « { $project } » sont publiés.{ $sealed ->
        [yes] { " " }Les bulletins sont scellés : leur chaîne se termine par l’empreinte { $final_hash }, que chacun peut vérifier dans le fichier des bulletins publié.
       *[other] {""}
    }
mail-notify-results_published-action = Voir les résultats
mail-notify-event_tomorrow-subject = Demain : « { $event } »
mail-notify-event_tomorrow-body = « { $event } », auquel vous êtes inscrit, a lieu demain.
mail-notify-event_tomorrow-action = Voir l’événement
error-notification_kind_unknown = Ce type de notification n’existe pas.
