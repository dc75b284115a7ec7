"""The checked offer as one catalogue (load_catalog), and what is derived from
it: events, evidence (the doubt rule), where to go (reach), provisional territories."""
