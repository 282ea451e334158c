# SPDX-License-Identifier: AGPL-3.0-only
error-event_full = This event is full.
error-event_over = This event is over.
error-link_invalid = Enter a web address starting with https://.
error-capacity_invalid = The number of places is at least 1, or empty for no limit.
