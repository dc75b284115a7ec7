"""`python -m generator` is the same as `offre`."""

from .cli import run

run()
