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
open-data-dataset-ideas = Idées
open-data-dataset-ideas-summary = Une ligne par idée publiée d'un projet public ; les brouillons et les idées masquées par un modérateur en sont exclus, de même que leurs auteurs.
open-data-dataset-voting-results = Résultats des votes
open-data-dataset-voting-results-summary = Une ligne par idée ayant reçu des voix dans un vote terminé dont les résultats sont publics, comme sa page de résultats les montre.
open-data-dataset-poll-results = Résultats des sondages
open-data-dataset-poll-results-summary = Une ligne par option de réponse d'un sondage terminé dont les résultats sont publics : combien l'ont choisie.

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
open-data-ideas-id = Le numéro de l'idée ; les résultats s'y réfèrent par idea_id.
open-data-ideas-phase-id = La phase dans laquelle elle a été publiée (l'id dans phases).
open-data-ideas-title = Le titre, tel que son auteur l'a écrit.
open-data-ideas-body = La description en texte brut, sans mise en forme.
open-data-ideas-status = Le statut que l'organisation a donné à l'idée (son code sur cette plateforme).
open-data-ideas-status-category = Ce à quoi ce statut correspond, le même sur toutes les plateformes : proposed, under_consideration, accepted, implemented ou rejected.
open-data-ideas-topics = Ses thèmes, dans la langue par défaut de la plateforme, séparés par un point-virgule ; vide sans thèmes.
open-data-ideas-area = Son quartier, dans la langue par défaut de la plateforme ; vide sans quartier.
open-data-ideas-published-at = Quand elle a été publiée.
open-data-ideas-supports = Combien d'habitants la soutiennent.
open-data-ideas-dislikes = Combien d'habitants ne l'aiment pas (0 là où ce n'est pas proposé).
open-data-ideas-comments = Combien de commentaires elle a.
open-data-ideas-cost = Ce qu'elle coûterait, dans la monnaie de la plateforme, quand l'organisation a fixé un coût.
open-data-ideas-latitude = La latitude du lieu dont elle parle (WGS 84), quand il a été indiqué.
open-data-ideas-longitude = La longitude du lieu dont elle parle (WGS 84), quand il a été indiqué.
open-data-ideas-url = L'adresse de la page de l'idée.
open-data-results-phase-id = La phase dont ce sont les résultats (l'id dans phases).
open-data-voting-method = Comment le vote fonctionnait : single (une voix), multiple (plusieurs voix) ou budgeting (un budget à répartir).
open-data-voting-idea-id = L'idée (l'id dans ideas ; une idée masquée après le vote n'est pas dans ideas).
open-data-voting-rank = Sa place dans les résultats : 1 a le plus de voix (à égalité, par numéro d'idée).
open-data-voting-votes = Les voix qu'elle a reçues.
open-data-voting-voters = Combien de votants lui ont donné au moins une voix.
open-data-voting-within-budget = Pour un budget : si elle tient dans le budget, en prenant les idées dans l'ordre des résultats ; vide pour les autres méthodes.
open-data-poll-question-id = Le numéro de la question.
open-data-poll-question-in = La question en { $language ->
    [nl] néerlandais
    [fr] français
   *[en] anglais
} ; vide s'il n'y en a pas dans cette langue.
open-data-poll-option-id = Le numéro de l'option de réponse.
open-data-poll-option-in = L'option de réponse en { $language ->
    [nl] néerlandais
    [fr] français
   *[en] anglais
} ; vide s'il n'y en a pas dans cette langue.
open-data-poll-votes = Combien de répondants ont choisi cette option.
open-data-poll-responses = Combien d'habitants ont répondu au sondage.
