# SPDX-License-Identifier: AGPL-3.0-only
error-event_full = Dit evenement is volzet.
error-event_over = Dit evenement is voorbij.
error-link_invalid = Vul een webadres in dat begint met https://.
error-capacity_invalid = Het aantal plaatsen is minstens 1, of leeg voor geen grens.
