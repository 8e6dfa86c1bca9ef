"""The project's own errors: what stops a command, said so that a user can act on it.

Every layer raises a subclass of BuilderError for what it cannot get past (a file it cannot
read, a broken lexicon or knowledge-base file, a refused edit); the command line prints any
of them as one line and exits with status 2.
"""

from __future__ import annotations


class BuilderError(Exception):
    """An error whose message says where (`path:line`), what is wrong and what was expected."""
