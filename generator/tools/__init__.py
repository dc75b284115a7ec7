"""Maintenance tools beside the build pipeline: synthetic data, territory imports, link and
quality checks, schemas and the editors' reference."""
