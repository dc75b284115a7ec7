"""`offre import-data-inclusion`: places (lieux) from data·inclusion's open data files.

One module per stage: `stream` reads the JSON arrays, `record_errors` words the official
models' errors in French, `mapping` reads the editable mapping file, `location` places
records on our geography, `place` turns a Structure into a Lieu record (the only module
that knows that record), `plan` compares with the files already there, `writer` writes
them, `summary` reports, and `importer` runs it all.
"""

from .importer import run_import
from .options import Options

__all__ = ["Options", "run_import"]
