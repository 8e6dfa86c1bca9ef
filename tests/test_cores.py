"""Worker processes are forked only for enough work, and never while other threads run."""

from __future__ import annotations

import threading

import pytest

from builder import cores


def test_little_work_stays_in_this_process():
    assert cores.workers(5, threshold=10, wanted=4) == 1


def test_enough_work_gets_the_workers_asked_for(monkeypatch):
    monkeypatch.setattr(cores.threading, "active_count", lambda: 1)  # as in a command, whatever else the tests run
    assert cores.workers(50, threshold=10, wanted=3) == 3
    assert cores.workers(50, threshold=10) == cores.available()


def test_no_fork_while_another_thread_runs():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert cores.workers(50, threshold=10, wanted=4) == 1
    finally:
        stop.set()
        thread.join()


def _exit_with_sigint_ignored() -> None:
    import signal
    import sys

    sys.exit(0 if signal.getsignal(signal.SIGINT) is signal.SIG_IGN else 1)


@pytest.mark.slow
def test_a_forked_worker_leaves_ctrl_c_to_the_command():
    """A terminal's Ctrl-C reaches every process of the command: only the command answers it
    ("interrupted"), never a worker with a traceback of its own."""
    worker = cores.fork_context().Process(target=_exit_with_sigint_ignored)
    worker.start()
    worker.join(30)
    assert worker.exitcode == 0
