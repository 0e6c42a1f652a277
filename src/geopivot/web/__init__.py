"""The HTTP API and dashboard (`geopivot serve`)."""
