# SPDX-License-Identifier: AGPL-3.0-only
notification-comment_on_idea = { $actor } reageerde op je idee „{ $idea }”.
notification-reply_to_comment = { $actor } antwoordde op je reactie bij „{ $idea }”.
notification-idea_update = { $changed ->
    [status] „{ $idea }”, dat je volgt, is nu: { $status }.
   *[other] De organisatie antwoordde op „{ $idea }”, dat je volgt.
}
notification-phase_started = Er begon een nieuwe fase in „{ $project }”: { $phase }.
notification-content_hidden = Een moderator verborg je { $what ->
    [comment] reactie bij
   *[other] idee
} „{ $idea }”: { $reason }
notification-rights_received = { $role ->
    [admin] Je bent nu beheerder van het platform.
   *[other] Je modereert nu „{ $project }”.
}
notification-new_idea = { $actor } plaatste een nieuw idee in een project dat je modereert: „{ $idea }”.
notification-voting_last_day = Vandaag is de laatste dag om te stemmen in „{ $project }”, en je mandje is niet ingediend.
notification-results_published = De resultaten van „{ $phase }” in „{ $project }” zijn gepubliceerd.
notification-event_tomorrow = „{ $event }”, waarvoor je je inschreef, is morgen.
notification-kind-comment_on_idea = Reacties op mijn ideeën
notification-kind-reply_to_comment = Antwoorden op mijn reacties
notification-kind-idea_update = Antwoorden en statuswijzigingen bij ideeën die ik volg
notification-kind-phase_started = Nieuwe fasen in projecten die ik volg
notification-kind-content_hidden = Mijn ideeën of reacties die een moderator verbergt
notification-kind-rights_received = Rechten die ik krijg
notification-kind-new_idea = Nieuwe ideeën in projecten die ik modereer
notification-kind-voting_last_day = De laatste dag van een stemming waaraan ik niet deelnam
notification-kind-results_published = Gepubliceerde stemresultaten
notification-kind-event_tomorrow = Activiteiten waarvoor ik me inschreef, de dag ervoor
mail-notify-footer = Je krijgt deze e-mail door je meldingsinstellingen. Om deze e-mails niet meer te krijgen:
mail-notify-comment_on_idea-subject = Nieuwe reactie op „{ $idea }”
mail-notify-comment_on_idea-body = { $actor } reageerde op je idee „{ $idea }”.
mail-notify-comment_on_idea-action = De reactie lezen
mail-notify-reply_to_comment-subject = Een antwoord op je reactie bij „{ $idea }”
mail-notify-reply_to_comment-body = { $actor } antwoordde op je reactie bij „{ $idea }”.
mail-notify-reply_to_comment-action = Het antwoord lezen
mail-notify-idea_update-subject = Nieuws over „{ $idea }”
mail-notify-idea_update-body = { $changed ->
    [status] „{ $idea }”, dat je volgt, is nu: { $status }.
   *[other] De organisatie antwoordde op „{ $idea }”, dat je volgt.
}
mail-notify-idea_update-action = Het antwoord bekijken
mail-notify-phase_started-subject = Een nieuwe fase in „{ $project }”
mail-notify-phase_started-body = Er begon een nieuwe fase in „{ $project }”, dat je volgt: { $phase }.
mail-notify-phase_started-action = Doe mee
mail-notify-content_hidden-subject = Je bijdrage werd verborgen
mail-notify-content_hidden-body = Een moderator verborg je bijdrage bij „{ $idea }”. De reden: { $reason }
mail-notify-content_hidden-action = Bekijken
mail-notify-rights_received-subject = Nieuwe rechten op { $platform }
mail-notify-rights_received-body = { $role ->
    [admin] Je bent nu beheerder van het platform.
   *[other] Je modereert nu „{ $project }”.
}
mail-notify-rights_received-action = De beheeromgeving openen
mail-notify-new_idea-subject = Nieuw idee: „{ $idea }”
mail-notify-new_idea-body = { $actor } plaatste een nieuw idee in een project dat je modereert: „{ $idea }”.
mail-notify-new_idea-action = Het idee lezen
mail-notify-voting_last_day-subject = Laatste dag om te stemmen in „{ $project }”
mail-notify-voting_last_day-body = Vandaag is de laatste dag om te stemmen in „{ $project }”, en je mandje is niet ingediend.
mail-notify-voting_last_day-action = Stemmen
mail-notify-results_published-subject = Resultaten van „{ $phase }”
mail-notify-results_published-body = De resultaten van „{ $phase }” in „{ $project }” zijn gepubliceerd.{ $sealed ->
        [yes] { " " }De stembiljetten zijn verzegeld: hun keten eindigt met de hash { $final_hash }, die iedereen kan nagaan in het gepubliceerde bestand met stembiljetten.
       *[other] {""}
    }
mail-notify-results_published-action = De resultaten bekijken
mail-notify-event_tomorrow-subject = Morgen: „{ $event }”
mail-notify-event_tomorrow-body = „{ $event }”, waarvoor je je inschreef, is morgen.
mail-notify-event_tomorrow-action = De activiteit bekijken
error-notification_kind_unknown = Dit soort melding bestaat niet.
