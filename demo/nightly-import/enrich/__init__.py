"""Enrich worker: adds coordinates to the records the nightly import wrote."""
