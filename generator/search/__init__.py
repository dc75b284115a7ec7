"""Scheme search: a lunr index built in Python, queried by lunr.js in the browser."""
