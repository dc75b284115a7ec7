"""What the build produces from the catalogue, without MkDocs: pages (Jinja),
search files, open data and feeds, the quality report."""
