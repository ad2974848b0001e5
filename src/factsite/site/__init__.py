"""Stage 3, site: the rendered pages published as a static site — MkDocs with the factsite
theme (pages handed over in memory by a plugin), downloads, search and the root furniture."""
