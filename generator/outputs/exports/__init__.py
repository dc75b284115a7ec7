"""Files for partners and maintainers: open data (JSON, CSV, data·inclusion) and Atom feeds.

One module per output, each a pure function of the catalogue and the public address of
the site (catalog + site URL → {site path: content}); `generator.site.outputs` decides
when they run. Nothing here imports the site, the render layer or MkDocs. Every date in
these files comes from the data, never from the clock, so two builds of the same data
are byte-identical.
"""
