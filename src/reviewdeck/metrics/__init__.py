"""Metrics stage: a small declarative vocabulary computed over the tables."""
