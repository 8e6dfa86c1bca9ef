"""Incident chronology publisher: news articles to YAML incident records to a static site."""

__version__ = "0.1.0"
