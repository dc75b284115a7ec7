"""Helpers the tests share: paths, datasets, goldens, hostile inputs, page checks."""
