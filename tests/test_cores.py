"""Worker processes are forked only for enough work, and never while other threads run."""

from __future__ import annotations

import threading

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
