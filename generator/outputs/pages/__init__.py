"""The one render layer: catalogue → HTML, for every page kind and standalone file.

`renderer.Renderer` owns the Jinja environment (`environment.py`) and the templates
(`templates/`); `context.py` declares what each template receives. One module per page
kind: schemes, territories (with the booklets), providers, listings (themes, publics,
section indexes, site map), the search page, embeds and their guide, the quality
report, redirects, the home page blocks; `pages.all_pages` lists the pages. Nothing
here writes a file or knows MkDocs: `generator.site` decides where each output goes.
"""
