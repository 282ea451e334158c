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
ideas-post = Plaats je idee
ideas-field-title = Titel van je idee
ideas-field-body = Beschrijf je idee
ideas-submit = Mijn idee plaatsen
ideas-none = Nog geen ideeën. Deel als eerste het jouwe!
ideas-anonymous = Een vroegere deelnemer
ideas-back = Terug naar het project
ideas-support = Dit idee steunen
ideas-unsupport = Mijn steun intrekken
ideas-support-count = { $count ->
    [0] Nog geen steun
    [one] Eén persoon steunt dit idee
   *[other] { $count } mensen steunen dit idee
}
ideas-filter-label = Ideeën zoeken
ideas-search = Zoeken
ideas-sort = Volgorde
ideas-sort-trending = Populair nu
ideas-sort-most_reacted = Meeste steun
ideas-sort-newest = Nieuwste
ideas-sort-most_discussed = Meest besproken
ideas-sort-random = Willekeurig
ideas-topic = Thema
ideas-status = Status
ideas-area = Gebied
ideas-any = Alle
ideas-apply = Ideeën tonen
ideas-clear = Filters wissen
ideas-list-label = Ideeën
ideas-list-failed = Deze lijst kan niet getoond worden. Begin opnieuw bij de eerste pagina.
ideas-none-found = Geen enkel idee past. Probeer andere woorden of minder filters.
ideas-more = Meer ideeën
ideas-support-short = { $count ->
    [one] 1 steunbetuiging
   *[other] { $count } steunbetuigingen
}
ideas-comments-short = { $count ->
    [one] 1 reactie
   *[other] { $count } reacties
}
ideas-oppose = Tegen dit idee
ideas-unoppose = Mijn bezwaar intrekken
ideas-oppose-count = { $count ->
    [0] Niemand is tegen dit idee
    [one] Eén persoon is tegen dit idee
   *[other] { $count } mensen zijn tegen dit idee
}
ideas-field-topics = Thema's
ideas-field-area = Gebied
ideas-field-no-area = Geen bepaald gebied
ideas-field-address = Adres of plek (optioneel)
ideas-field-address-hint = Bijvoorbeeld: hoek van de Stationsstraat en de Grote Markt.
ideas-field-images = Afbeeldingen (optioneel)
ideas-field-images-hint = Tot { $count } afbeeldingen van hoogstens 5 MB: PNG, JPEG, WebP of GIF. Locatiegegevens in foto's worden verwijderd.
ideas-field-attachments = Documenten (optioneel)
ideas-field-attachments-hint = Tot { $count } bestanden van hoogstens 5 MB: pdf, kantoordocumenten, afbeeldingen of platte tekst.
ideas-edit = Bewerken of verwijderen
ideas-edit-title = Je idee bewerken
ideas-edit-back = Terug naar het idee
ideas-edit-files = Afbeeldingen of documenten verwijderen
ideas-edit-remove = { $name } verwijderen
ideas-edit-save = Wijzigingen opslaan
ideas-delete-title = Het idee verwijderen
ideas-delete-lead = Het idee, de reacties, de steun en de bestanden worden definitief verwijderd.
ideas-delete = „{ $title }” verwijderen
ideas-image-alt = Afbeelding { $number } bij „{ $title }”
ideas-attachments = Documenten
ideas-file-size = { $kb } kB
ideas-save-draft = Als concept bewaren
ideas-your-drafts = Je concepten
ideas-draft-notice = Dit is een concept: alleen jij en de moderatoren van het project zien het.
ideas-publish = Het idee publiceren
ideas-sort-cost_asc = Goedkoopste eerst
ideas-sort-cost_desc = Duurste eerst
open-data-dataset-ideas = Ideeën
open-data-dataset-ideas-summary = Eén rij per gepubliceerd idee van een openbaar project; concepten en ideeën die een moderator verborg blijven weg, en ook wie ze plaatste.
open-data-ideas-id = Het nummer van het idee; uitslagen verwijzen ernaar als idea_id.
open-data-ideas-phase-id = De fase waarin het geplaatst werd (de id in phases).
open-data-ideas-title = De titel, zoals de auteur hem schreef.
open-data-ideas-body = De beschrijving als platte tekst, zonder opmaak.
open-data-ideas-status = De status die de organisatie het idee gaf (de code op dit platform).
open-data-ideas-status-category = Waar die status voor telt, op elk platform hetzelfde: proposed, under_consideration, accepted, implemented of rejected.
open-data-ideas-topics = De thema's, in de standaardtaal van het platform, gescheiden door een puntkomma; leeg zonder thema's.
open-data-ideas-area = De wijk, in de standaardtaal van het platform; leeg zonder wijk.
open-data-ideas-published-at = Wanneer het gepubliceerd werd.
open-data-ideas-supports = Hoeveel inwoners het steunen.
open-data-ideas-dislikes = Hoeveel inwoners het niet goed vinden (0 waar dat niet kan).
open-data-ideas-comments = Hoeveel reacties het heeft.
open-data-ideas-cost = Wat het zou kosten, in de munt van het platform, als de organisatie een kostprijs opgaf.
open-data-ideas-latitude = De breedtegraad van de plek waarover het gaat (WGS 84), als er een opgegeven is.
open-data-ideas-longitude = De lengtegraad van de plek waarover het gaat (WGS 84), als er een opgegeven is.
open-data-ideas-url = Het adres van de pagina van het idee.
