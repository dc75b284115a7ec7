"""Maintenance tools that sit beside the build pipeline."""
