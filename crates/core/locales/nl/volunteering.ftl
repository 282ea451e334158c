# SPDX-License-Identifier: AGPL-3.0-only
method-volunteering = Vrijwilligerswerk
error-not_a_volunteering_phase = Deze fase gaat niet over vrijwilligerswerk.
