# SPDX-License-Identifier: AGPL-3.0-only

skip-to-content = Aller au contenu principal
language-switcher-label = Langue
footer-powered = Propulsé par Townhall · { $edition }
edition-core = Édition communautaire
edition-standard = Édition Standard
edition-premium = Édition Premium
home-tagline = Partagez des idées, débattez et décidez ensemble de ce qui compte dans votre communauté.
home-projects-heading = Projets
home-empty-title = Aucun projet n’est encore ouvert
home-empty-body = Dès que l’organisation ouvrira un projet, vous le trouverez ici. Revenez bientôt.
notfound-title = Page introuvable
notfound-body = La page que vous cherchez n’existe pas ou a été déplacée.
notfound-home = Aller à la page d’accueil
explorer-title = Explorateur GraphQL
explorer-intro = Écrivez une requête GraphQL et exécutez-la sur l’API de cette plateforme.
explorer-schema = Télécharger le schéma
explorer-query = Requête
explorer-variables = Variables (JSON, facultatif)
explorer-run = Exécuter la requête
explorer-result = Résultat
explorer-no-result = Exécutez une requête pour voir son résultat ici.
