"""`python -m builder`: the command line. A Ctrl-C while it starts (importing takes a moment)
ends it at once with one line, as a Ctrl-C does once the command runs (cli.main)."""

import gc
import os
import signal
import sys


def _interrupted_while_starting(signum, frame) -> None:
    """Nothing is written yet: say so in one line and leave, without a traceback."""
    sys.stderr.write("interrupted\n")
    sys.stderr.flush()
    os._exit(2)


signal.signal(signal.SIGINT, _interrupted_while_starting)
# A build holds a few hundred thousand long-lived objects (the records, the site's view) and
# makes few reference cycles: collecting after every 700 new objects walked them again and
# again (a tenth of a 10,000-event build). mypy raises the threshold for the same reason.
gc.set_threshold(100_000, 50, 100)

from .cli import main  # noqa: E402  (after the handler: the import is what takes time)

status = main()
signal.signal(signal.SIGINT, signal.SIG_IGN)  # the command is done: a Ctrl-C now stops nothing
sys.exit(status)
