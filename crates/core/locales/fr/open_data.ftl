# SPDX-License-Identifier: AGPL-3.0-only

## Données ouvertes : la page, les jeux de données et le dictionnaire des données (le sens de chaque champ)
open-data-title = Données ouvertes
open-data-footer-link = Données ouvertes
open-data-intro = Le contenu public de cette plateforme en jeux de données réutilisables : les projets, leurs phases, les idées, et les résultats des votes et des sondages une fois publics. Chaque jeu se télécharge en CSV ou en JSON ; les tableaux ci-dessous disent ce que signifie chaque champ.
open-data-anonymised = Les jeux de données ne contiennent que ce que chacun peut voir sur ce site. Ils ne nomment personne : ni auteurs, ni noms, ni adresses e-mail, ni numéros de compte, ni le vote ou la réponse de quiconque, seulement des totaux. Les brouillons, les idées masquées et les projets qui ne sont pas publics en sont exclus.
open-data-licence = L'organisation qui gère cette plateforme indique sous quelle licence les données peuvent être réutilisées. Demandez-le-lui si son site ne le dit pas.
open-data-tracked-results = Les résultats suivis après un projet (ce qui a été réalisé, ce que cela a coûté) ne font pas encore partie des jeux de données : ils viendront avec le suivi de la mise en œuvre.
open-data-formats = Les fichiers CSV utilisent la virgule, l'UTF-8 et une première ligne avec les noms des champs ; vide signifie aucune valeur. Les fichiers JSON contiennent un tableau d'objets avec les mêmes champs, null pour aucune valeur. Les instants sont en UTC (RFC 3339).
open-data-download-csv = { $dataset } en CSV
open-data-download-json = { $dataset } en JSON
open-data-fields-caption = Les champs de { $dataset }
open-data-column-field = Champ
open-data-column-type = Type
open-data-column-meaning = Signification
open-data-type-integer = nombre entier
open-data-type-number = nombre décimal
open-data-type-boolean = true ou false
open-data-type-text = texte
open-data-type-datetime = date et heure (UTC)

open-data-dataset-projects = Projets
open-data-dataset-projects-summary = Une ligne par projet public, projets archivés compris.
open-data-dataset-phases = Phases
open-data-dataset-phases-summary = Une ligne par phase d'un projet public, dans l'ordre de leur création.

open-data-title-in = Le titre en { $language ->
    [nl] néerlandais
    [fr] français
   *[en] anglais
} ; vide s'il n'y en a pas dans cette langue.
open-data-project-id = Le projet auquel il appartient (l'id dans projects).
open-data-projects-id = Le numéro du projet ; les autres jeux s'y réfèrent par project_id.
open-data-projects-slug = Le nom d'adresse du projet : sa page est /projects/ suivi de ce nom.
open-data-projects-status = published (en cours ou à venir) ou archived (terminé, gardé pour mémoire).
open-data-projects-starts-at = Quand sa première phase commence ; vide sans phases.
open-data-projects-ends-at = Quand sa dernière phase se termine ; vide tant qu'une phase n'a pas de date de fin.
open-data-projects-created-at = Quand le projet a été créé.
open-data-projects-url = L'adresse de la page du projet.
open-data-phases-id = Le numéro de la phase ; les autres jeux s'y réfèrent par phase_id.
open-data-phases-method = Comment les habitants y participent : ideation (idées), voting (vote), poll (sondage), survey (questionnaire), volunteering (bénévolat) ou information, d'autres avec les modules payants.
open-data-phases-starts-at = Quand la phase commence.
open-data-phases-ends-at = Quand la phase se termine ; vide si elle n'a pas de date de fin.
open-data-phases-results-public = Si ses résultats sont publics maintenant : la phase est terminée et ses résultats ont été rendus publics (ils sont alors dans voting-results ou poll-results).
open-data-results-phase-id = La phase dont ce sont les résultats (l'id dans phases).
