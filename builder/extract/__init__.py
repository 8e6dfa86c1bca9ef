"""Extraction: news articles in English and French become draft incident records.

Its modules, in the order an article goes through them:
  text (folds and the phrase compiler), lexicon (the one loader of lexicon/*.yml, checked
  against lexicon/schemas/), articles, clean, language, sentences (reading a file into
  sentences), published (its publication date when nothing declares it),
  date_lexicon, dates, numbers, tolls, place_phrases, knowledge, cues, rules (what a sentence
  says: when, how many, who and where, and the words and rules it is read with),
  reading, clauses, event_types, places, roles, mention_dates, mentions (the reading of an
  article into mentions of incidents), merge (mentions of one incident across articles),
  drafts (incidents into draft records) and pipeline (the run).
"""
