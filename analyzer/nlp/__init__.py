"""spaCy side of the analyzer: sentence boundaries, clause matching and judgment."""
