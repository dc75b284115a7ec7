"""The workbook round trip: export the offer to a spreadsheet, import it back.

People who know the local offer work in spreadsheets, not in YAML and git. `exporter`
writes one sheet per record kind (columns derived from the models in
`generator.data.model`), `importer` checks every row with the real validator, locates each
problem at its sheet!cell, and updates only the YAML files whose values changed.
"""
