"""Files for partners and maintainers: open data (JSON, CSV, data·inclusion) and Atom feeds.

One module per output; each exposes a pure builder (catalog + site URL → file contents)
and a producer registered by `generator.site.outputs`. Every date in these files comes
from the data, never from the clock, so two builds of the same data are byte-identical.
"""
