"""The commands that are more than a call into one stage: the live preview (serve) and new
records written by hand (new)."""
