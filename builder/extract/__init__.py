"""Extraction: news articles in English and French become draft incident records.

The stages, each its own module: `articles` reads a file and keeps the story's text,
`language` and `sentences` prepare it, `dates`, `numbers`, `tolls` and `knowledge` find
what a sentence says (when, how many, who and where), `events` turns sentences into event
mentions, `merge` joins the mentions of one incident, and `pipeline` writes the records.
Word lists and patterns per language live in `lexicon/`, not in code.
"""
