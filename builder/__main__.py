"""`python -m builder`: the command line. A Ctrl-C while it starts (importing takes a moment)
ends it at once with one line, as a Ctrl-C does once the command runs (cli.main)."""

import os
import signal
import sys


def _interrupted_while_starting(signum, frame) -> None:
    """Nothing is written yet: say so in one line and leave, without a traceback."""
    sys.stderr.write("interrupted\n")
    sys.stderr.flush()
    os._exit(2)


signal.signal(signal.SIGINT, _interrupted_while_starting)

from .cli import main  # noqa: E402  (after the handler: the import is what takes time)

status = main()
signal.signal(signal.SIGINT, signal.SIG_IGN)  # the command is done: a Ctrl-C now stops nothing
sys.exit(status)
