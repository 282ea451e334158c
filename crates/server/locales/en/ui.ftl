# SPDX-License-Identifier: AGPL-3.0-only

skip-to-content = Skip to main content
language-switcher-label = Language
footer-powered = Powered by Townhall · { $edition }
edition-core = Community edition
edition-standard = Standard edition
edition-premium = Premium edition
home-tagline = Share ideas, discuss and decide together on what matters in your community.
home-projects-heading = Projects
home-empty-title = No projects are open yet
home-empty-body = When the organisation opens a project, you will find it here. Check back soon.
notfound-title = Page not found
notfound-body = The page you are looking for does not exist or has moved.
notfound-home = Go to the home page
explorer-title = GraphQL explorer
explorer-intro = Write a GraphQL query and run it against this platform's API.
explorer-schema = Download the schema
explorer-query = Query
explorer-variables = Variables (JSON, optional)
explorer-run = Run query
explorer-result = Result
explorer-no-result = Run a query to see its result here.
