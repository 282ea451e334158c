# SPDX-License-Identifier: AGPL-3.0-only
error-comment_length = Een reactie telt 1 tot 5.000 tekens.
error-comment_parent_invalid = De reactie waarop je antwoordt, hoort niet bij dit idee.
error-idea_status_unknown = Kies een van de aangeboden statussen.
error-cursor_invalid = Deze paginalink werkt niet; begin opnieuw bij de eerste pagina.
error-topic_unknown = Kies thema's uit de lijst.
error-area_unknown = Kies een gebied uit de lijst.
error-location_invalid = Een locatie heeft een breedtegraad tussen -90 en 90 en een lengtegraad tussen -180 en 180.
error-scope_required = Zeg welk project of welke fase je wilt zien.
error-attachment_invalid = Voeg een pdf, een kantoordocument, een afbeelding of platte tekst toe.
error-attachment_too_large = Het bestand is groter dan 5 MB.
error-too_many_images = Een idee heeft hoogstens 5 afbeeldingen.
error-too_many_attachments = Een idee heeft hoogstens 5 bestanden.
error-platform_not_empty = Het platform heeft al projecten; de demo vult alleen een leeg platform.
error-upload_broken = De upload kwam niet volledig aan; probeer het opnieuw.
exports-kind-ideas = Ideeën
exports-kind-comments = Reacties
exports-kind-reactions = Steunbetuigingen en afkeuringen
