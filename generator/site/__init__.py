"""The website: MkDocs plugin, page rendering, theme overrides."""
