"""Scheme search: a sharded index built in Python, ranked the same way in Python and JS."""
