"""The records: the record model, reading and writing their YAML, the records folder, the
vocabularies and schemas they follow, and checking them (validation, review, problems)."""
