# SPDX-License-Identifier: AGPL-3.0-only
notification-comment_on_idea = { $actor } commented on your idea “{ $idea }”.
notification-reply_to_comment = { $actor } replied to your comment on “{ $idea }”.
notification-idea_update = { $changed ->
    [status] “{ $idea }”, which you follow, is now: { $status }.
   *[other] The organisation answered “{ $idea }”, which you follow.
}
notification-phase_started = A new phase started in “{ $project }”: { $phase }.
notification-content_hidden = A moderator hid your { $what ->
    [comment] comment on
   *[other] idea
} “{ $idea }”: { $reason }
notification-rights_received = { $role ->
    [admin] You are now an administrator of the platform.
   *[other] You now moderate “{ $project }”.
}
notification-new_idea = { $actor } posted a new idea in a project you moderate: “{ $idea }”.
notification-voting_last_day = Today is the last day to vote in “{ $project }”, and your basket is not submitted.
notification-results_published = The results of “{ $phase }” in “{ $project }” are published.
notification-event_tomorrow = “{ $event }”, which you registered for, is tomorrow.
notification-kind-comment_on_idea = Comments on my ideas
notification-kind-reply_to_comment = Replies to my comments
notification-kind-idea_update = Answers and status changes on ideas I follow
notification-kind-phase_started = New phases in projects I follow
notification-kind-content_hidden = My ideas or comments hidden by a moderator
notification-kind-rights_received = Rights I receive
notification-kind-new_idea = New ideas in projects I moderate
notification-kind-voting_last_day = The last day of a vote I have not taken part in
notification-kind-results_published = Published voting results
notification-kind-event_tomorrow = Events I registered for, the day before
mail-notify-footer = You receive this e-mail because of your notification settings. To stop these e-mails:
mail-notify-comment_on_idea-subject = New comment on “{ $idea }”
mail-notify-comment_on_idea-body = { $actor } commented on your idea “{ $idea }”.
mail-notify-comment_on_idea-action = Read the comment
mail-notify-reply_to_comment-subject = A reply to your comment on “{ $idea }”
mail-notify-reply_to_comment-body = { $actor } replied to your comment on “{ $idea }”.
mail-notify-reply_to_comment-action = Read the reply
mail-notify-idea_update-subject = News about “{ $idea }”
mail-notify-idea_update-body = { $changed ->
    [status] “{ $idea }”, which you follow, is now: { $status }.
   *[other] The organisation answered “{ $idea }”, which you follow.
}
mail-notify-idea_update-action = See the answer
mail-notify-phase_started-subject = A new phase in “{ $project }”
mail-notify-phase_started-body = A new phase started in “{ $project }”, which you follow: { $phase }.
mail-notify-phase_started-action = Take part
mail-notify-content_hidden-subject = Your contribution was hidden
mail-notify-content_hidden-body = A moderator hid your contribution on “{ $idea }”. The reason: { $reason }
mail-notify-content_hidden-action = See it
mail-notify-rights_received-subject = New rights on { $platform }
mail-notify-rights_received-body = { $role ->
    [admin] You are now an administrator of the platform.
   *[other] You now moderate “{ $project }”.
}
mail-notify-rights_received-action = Open the back office
mail-notify-new_idea-subject = New idea: “{ $idea }”
mail-notify-new_idea-body = { $actor } posted a new idea in a project you moderate: “{ $idea }”.
mail-notify-new_idea-action = Read the idea
mail-notify-voting_last_day-subject = Last day to vote in “{ $project }”
mail-notify-voting_last_day-body = Today is the last day to vote in “{ $project }”, and your basket is not submitted.
mail-notify-voting_last_day-action = Vote
mail-notify-results_published-subject = Results of “{ $phase }”
mail-notify-results_published-body = The results of “{ $phase }” in “{ $project }” are published.{ $sealed ->
        [yes] { " " }The ballots are sealed: their chain ends with the hash { $final_hash }, which anyone can check against the published ballot file.
       *[other] {""}
    }
mail-notify-results_published-action = See the results
mail-notify-event_tomorrow-subject = Tomorrow: “{ $event }”
mail-notify-event_tomorrow-body = “{ $event }”, which you registered for, is tomorrow.
mail-notify-event_tomorrow-action = See the event
error-notification_kind_unknown = There is no such kind of notification.
