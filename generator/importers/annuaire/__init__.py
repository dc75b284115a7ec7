"""`offre import-annuaire`: public counters from the State's directory of local public
services (the « Annuaire de l'administration » of service-public, DILA, open data).

One module per stage: `stream` reads the JSON export record by record (the national
file weighs hundreds of megabytes), `mapping` reads the editable file relating the
directory's types (`pivot`) to our providers and networks, `record` makes a directory
record one of our places, and `importer` runs it all on the France services importer's
files and the data·inclusion importer's plan and writer.
"""

from .importer import run_import
from .options import Options

__all__ = ["Options", "run_import"]
