"""Read the files editors type, with the position of every value, and check
them: one file at a time (model, fields), then across files (crossref)."""
