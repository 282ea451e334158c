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
