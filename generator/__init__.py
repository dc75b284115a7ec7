"""Offre de services Clefop: the offer's YAML files → a static site, open data and feeds.

The build runs in stages, each a package that imports only the ones before it:
`rules` (pure naming, folding and address rules) → `data` (read and check the files)
→ `catalog` (the checked offer, cross-linked) → `outputs` (pages, search, exports,
report). `site` adapts them to MkDocs; `importers` bring data from outside into the
data folder; `cli` is the `offre` command.

Words: the records editors type keep their French names (`Dispositif`, `Porteur`,
`Territoire`, `Lieu`), as in the YAML keys; the code around them speaks English
(a dispositif is a "scheme", a porteur a "provider", a lieu a "place").
"""

__version__ = "0.1.0"
