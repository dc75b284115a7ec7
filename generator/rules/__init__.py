"""Rules every stage shares, pure and without the data model: how values are named,
titled, sorted and folded, the shape of codes, the statuses, and every address of the site."""
