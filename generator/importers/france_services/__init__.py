"""`offre import-france-services`: France services sites from the ANCT's official list.

The ANCT publishes the list of France services as one CSV file (data.gouv.fr, « Liste des
structures France services »), dated by its publication. One module per stage: `table`
reads and checks the CSV (errors located by line and column), `hours` turns the day
columns into OpenStreetMap opening hours, `record` makes a row one of our places (the
only module that knows that record), `files` compares with the files already there on
the data·inclusion importer's plan, `summary` reports, and `importer` runs it all. The
plan, the writer and the fingerprint of hand edits are the data·inclusion importer's,
used as they are.
"""

from .importer import run_import
from .options import Options

__all__ = ["Options", "run_import"]
