"""How much of the machine to use: the cores this process may run on, and whether to fork
worker processes for a piece of work."""

from __future__ import annotations

import multiprocessing
import os
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


def fork_context():
    """Workers are forked so they share what the parent worked out (the knowledge base, the
    site's view) instead of receiving a copy."""
    return multiprocessing.get_context("fork")
