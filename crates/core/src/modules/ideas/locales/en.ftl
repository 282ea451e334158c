# SPDX-License-Identifier: AGPL-3.0-only
error-comment_length = A comment needs 1 to 5,000 characters.
error-comment_parent_invalid = The comment you reply to is not on this idea.
error-idea_status_unknown = Choose one of the statuses offered.
error-cursor_invalid = This page link is broken; start again from the first page.
error-topic_unknown = Choose topics from the list.
error-area_unknown = Choose an area from the list.
error-location_invalid = A location needs a latitude between -90 and 90 and a longitude between -180 and 180.
error-scope_required = Say which project or phase to list.
error-attachment_invalid = Attach a PDF, an office document, a picture or plain text.
error-attachment_too_large = The file is larger than 5 MB.
error-too_many_images = An idea has at most 5 pictures.
error-too_many_attachments = An idea has at most 5 files.
error-platform_not_empty = The platform already has projects; the demo only fills an empty one.
error-upload_broken = The upload did not arrive whole; please try again.
exports-kind-ideas = Ideas
exports-kind-comments = Comments
exports-kind-reactions = Supports and dislikes
ideas-post = Post your idea
ideas-field-title = Title of your idea
ideas-field-body = Describe your idea
ideas-submit = Post my idea
ideas-none = No ideas yet. Be the first to share one!
ideas-anonymous = A former participant
ideas-back = Back to the project
ideas-support = Support this idea
ideas-unsupport = Withdraw my support
ideas-support-count = { $count ->
    [0] No support yet
    [one] One person supports this idea
   *[other] { $count } people support this idea
}
ideas-filter-label = Find ideas
ideas-search = Search
ideas-sort = Order
ideas-sort-trending = Trending
ideas-sort-most_reacted = Most supported
ideas-sort-newest = Newest
ideas-sort-most_discussed = Most discussed
ideas-sort-random = Random
ideas-topic = Topic
ideas-status = Status
ideas-area = Area
ideas-any = All
ideas-apply = Show ideas
ideas-clear = Clear the filters
ideas-list-label = Ideas
ideas-list-failed = This list cannot be shown. Start again from the first page.
ideas-none-found = No idea matches. Try other words or fewer filters.
ideas-more = More ideas
ideas-support-short = { $count ->
    [one] 1 support
   *[other] { $count } supports
}
ideas-comments-short = { $count ->
    [one] 1 comment
   *[other] { $count } comments
}
ideas-oppose = Oppose this idea
ideas-unoppose = Withdraw my opposition
ideas-oppose-count = { $count ->
    [0] Nobody opposes this idea
    [one] One person opposes this idea
   *[other] { $count } people oppose this idea
}
ideas-field-topics = Topics
ideas-field-area = Area
ideas-field-no-area = No particular area
ideas-field-address = Address or place (optional)
ideas-field-address-hint = For example: corner of Station Street and the market square.
ideas-field-images = Pictures (optional)
ideas-field-images-hint = Up to { $count } pictures of at most 5 MB each: PNG, JPEG, WebP or GIF. Location data in photos is removed.
ideas-field-attachments = Documents (optional)
ideas-field-attachments-hint = Up to { $count } files of at most 5 MB each: PDF, office documents, pictures or plain text.
ideas-edit = Edit or delete
ideas-edit-title = Edit your idea
ideas-edit-back = Back to the idea
ideas-edit-files = Remove pictures or documents
ideas-edit-remove = Remove { $name }
ideas-edit-save = Save the changes
ideas-delete-title = Delete the idea
ideas-delete-lead = The idea, its comments, supports and files are removed for good.
ideas-delete = Delete “{ $title }”
ideas-image-alt = Picture { $number } of “{ $title }”
ideas-attachments = Documents
ideas-file-size = { $kb } kB
ideas-save-draft = Save as a draft
ideas-your-drafts = Your drafts
ideas-draft-notice = This is a draft: only you and the project's moderators can see it.
ideas-publish = Publish the idea
ideas-sort-cost_asc = Cheapest first
ideas-sort-cost_desc = Most expensive first
open-data-dataset-ideas = Ideas
open-data-dataset-ideas-summary = One row per published idea of a public project; drafts and ideas hidden by a moderator are left out, and so is who posted them.
open-data-ideas-id = The idea's number; results refer to it as idea_id.
open-data-ideas-phase-id = The phase in which it was posted (the id in phases).
open-data-ideas-title = The title, as its author wrote it.
open-data-ideas-body = The description as plain text, without formatting.
open-data-ideas-status = The organisation's status of the idea (its code on this platform).
open-data-ideas-status-category = What that status counts as, the same on every platform: proposed, under_consideration, accepted, implemented or rejected.
open-data-ideas-topics = Its topics, in the platform's default language, separated by a semicolon; empty without topics.
open-data-ideas-area = Its area, in the platform's default language; empty without an area.
open-data-ideas-published-at = When it was published.
open-data-ideas-supports = How many residents support it.
open-data-ideas-dislikes = How many residents dislike it (0 where dislikes are not offered).
open-data-ideas-comments = How many comments it has.
open-data-ideas-cost = What it would cost, in the platform's currency, when the organisation set a cost.
open-data-ideas-latitude = The latitude of the place it is about (WGS 84), when one was given.
open-data-ideas-longitude = The longitude of the place it is about (WGS 84), when one was given.
open-data-ideas-url = The address of the idea's page.
