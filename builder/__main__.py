"""`python -m builder`: the command line. A Ctrl-C while it starts (importing takes a moment)
ends it at once with one line, as a Ctrl-C does once the command runs (cli.main)."""

import contextlib
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

from .cli import interrupted, main  # noqa: E402  (after the handler: the import is what takes time)

status = main()
signal.signal(signal.SIGINT, signal.SIG_IGN)  # the command is done: a Ctrl-C now stops nothing
if interrupted():
    # CPython takes a Ctrl-C that arrived in code it ran from a string (dataclasses make their
    # methods so, while a module is imported) for one nobody caught, however it was caught,
    # and ends the process by SIGINT at exit: status -2 instead of the 2 said. The command has
    # ended its workers and said "interrupted"; nothing is left to do but to leave.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # closed by the reader, or by the command
            stream.flush()
    os._exit(status)
sys.exit(status)
