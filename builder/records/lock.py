"""A folder's lock: one writer at a time, readers only between writers, through the
operating system's file lock on a hidden file in the folder (`.builder.lock`).

The lock is the system's (flock on POSIX, msvcrt on Windows), so it is released when the
process holding it ends, however it ends: a killed run never leaves the folder locked. A
command that finds the folder locked says so on standard error, naming the run that holds it
when it can, and waits for it. Worker processes forked while the lock is held close their
copy of it, so the lock goes with the process that took it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path
from types import TracebackType

from .problems import display_path

LOCK_NAME = ".builder.lock"

if sys.platform == "win32":  # no shared locks there: readers wait for each other too
    import msvcrt

    def _lock(fd: int, exclusive: bool, wait: bool) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                if not wait:
                    raise BlockingIOError from None
            time.sleep(0.1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int, exclusive: bool, wait: bool) -> None:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | (0 if wait else fcntl.LOCK_NB))

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


_HELD: set[int] = set()  # the descriptors of the locks this process holds


def _forget_in_child() -> None:
    """In a forked worker: close the inherited descriptors (the parent keeps its lock)."""
    for fd in list(_HELD):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)


def _command() -> str:
    """This process's command line as it was typed (`python -m builder extract ...`)."""
    program = "python -m builder" if sys.argv[0].endswith("__main__.py") else Path(sys.argv[0]).name
    return " ".join([program, *sys.argv[1:]])


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class FolderLock:
    """The lock of `folder`, exclusive for a writer or shared for a reader: a context manager
    that waits for it. A reader of a folder where no lock file can be made (read-only, so no
    writer can work there either) goes on without one."""

    def __init__(self, folder: Path, exclusive: bool, notify=_say):
        self.folder = Path(folder)
        self.exclusive = exclusive
        self.notify = notify
        self.fd: int | None = None
        self._noted = False

    @property
    def path(self) -> Path:
        return self.folder / LOCK_NAME

    def _open(self) -> int | None:
        if self.exclusive:
            self.folder.mkdir(parents=True, exist_ok=True)
            try:
                return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
            except OSError as e:  # a folder that cannot be written: name it, not the lock's file
                raise OSError(e.errno, e.strerror, str(self.folder)) from None
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError:
            if not self.path.exists():
                return None  # no writer has worked here: none could make the lock file
            return os.open(self.path, os.O_RDONLY)

    def __enter__(self) -> FolderLock:
        self.fd = self._open()
        if self.fd is None:
            return self
        try:
            self.take(self.exclusive)
        except BaseException:
            self._close()
            raise
        return self

    def take(self, exclusive: bool) -> None:
        """Hold the lock as a writer (`exclusive`) or a reader, waiting for it if need be."""
        if self.fd is None:
            return
        try:
            _lock(self.fd, exclusive, wait=False)
        except BlockingIOError:
            self.notify(f"{display_path(self.folder)}: {self._holder()} is using it; waiting for it "
                        "to finish (Ctrl-C to stop)")
            _lock(self.fd, exclusive, wait=True)
        _HELD.add(self.fd)
        if exclusive:
            self._note_holder()

    def _note_holder(self) -> None:
        """Write who holds the lock into its file, for a command that has to wait (emptied
        when the lock is let go)."""
        assert self.fd is not None
        self._noted = True
        with contextlib.suppress(OSError):
            os.ftruncate(self.fd, 0)
            os.pwrite(self.fd, f"{os.getpid()} {_command()[:200]}\n".encode(), 0)

    def _holder(self) -> str:
        """Who holds the lock, as its file says, when that process still runs."""
        try:
            with open(self.path, encoding="utf-8", errors="replace") as f:
                pid_text, _, command = f.readline().strip().partition(" ")
            pid = int(pid_text)
            os.kill(pid, 0)
        except (OSError, ValueError):
            return "another command"
        return f"another command (process {pid}: {command})" if command else f"process {pid}"

    def _close(self) -> None:
        if self.fd is not None:
            _HELD.discard(self.fd)
            with contextlib.suppress(OSError):
                if self._noted:
                    os.ftruncate(self.fd, 0)  # no holder now: the file is the same after every run
                _unlock(self.fd)
            os.close(self.fd)
            self.fd = None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._close()
