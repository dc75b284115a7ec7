"""Offre de services Clefop: YAML → site."""

__version__ = "0.1.0"
