"""How much of the machine to use: the cores this process may run on, and whether to fork
worker processes for a piece of work."""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
import signal
import sys
import threading


def available() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def workers(items: int, threshold: int, wanted: int | None = None) -> int:
    """How many forked worker processes to give `items` pieces of work: `wanted` (one per
    core by default) when there are at least `threshold` of them, else 1 (the work is done
    in this process). Forking is left out while other threads run (a server's), as a forked
    child can inherit a lock one of them held."""
    if items < threshold or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, wanted or available())


if sys.platform != "win32":  # Windows cannot fork: workers() never asks for more than one there

    class _Worker(multiprocessing.context.ForkProcess):
        """A forked worker that leaves Ctrl-C to the command: a terminal sends it to every
        process of the command, and the command alone says "interrupted" and ends its workers."""

        def run(self) -> None:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            super().run()

    class _WorkerContext(multiprocessing.context.ForkContext):
        Process = _Worker

    def fork_context() -> multiprocessing.context.ForkContext:
        """Workers are forked so they share what the parent worked out (the knowledge base,
        the site's view) instead of receiving a copy; they leave Ctrl-C to the command."""
        return _WorkerContext()
