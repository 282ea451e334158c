# SPDX-License-Identifier: AGPL-3.0-only
method-volunteering = Bénévolat
error-not_a_volunteering_phase = Cette phase ne porte pas sur le bénévolat.
