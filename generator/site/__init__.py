"""The website: the MkDocs plugin, the ordered list of outputs, the writer, the theme."""
