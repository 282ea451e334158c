# SPDX-License-Identifier: AGPL-3.0-only

skip-to-content = Ga naar de hoofdinhoud
language-switcher-label = Taal
footer-powered = Mogelijk gemaakt door Townhall · { $edition }
edition-core = Community-editie
edition-standard = Standard-editie
edition-premium = Premium-editie
home-tagline = Deel ideeën, praat mee en beslis samen over wat belangrijk is in jouw gemeenschap.
home-projects-heading = Projecten
home-empty-title = Er zijn nog geen open projecten
home-empty-body = Zodra de organisatie een project opent, vind je het hier. Kom binnenkort terug.
notfound-title = Pagina niet gevonden
notfound-body = De pagina die je zoekt bestaat niet of is verplaatst.
notfound-home = Naar de startpagina
explorer-title = GraphQL-verkenner
explorer-intro = Schrijf een GraphQL-query en voer die uit op de API van dit platform.
explorer-schema = Download het schema
explorer-query = Query
explorer-variables = Variabelen (JSON, optioneel)
explorer-run = Query uitvoeren
explorer-result = Resultaat
explorer-no-result = Voer een query uit om het resultaat hier te zien.
