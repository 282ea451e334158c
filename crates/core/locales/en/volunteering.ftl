# SPDX-License-Identifier: AGPL-3.0-only
method-volunteering = Volunteering
error-not_a_volunteering_phase = This phase is not about volunteering.
