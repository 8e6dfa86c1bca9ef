"""The records: their model and YAML, the records folder, vocabularies and schemas, validation and review."""
