"""Commands that are more than a call into one stage: the live preview (serve) and new records (new)."""
