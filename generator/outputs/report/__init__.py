"""The quality report: sheets and places to review, sources, data·inclusion score;
printed by `offre rapport`, published as `rapport/` by the build."""
