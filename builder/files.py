"""Files written whole, for every layer: records, pages, downloads, schemas and the build's cache.

Each is written into a temporary file beside it, which then takes its place, so an
interrupted run leaves either the old file or the new one, never half of one; a temporary
file a killed run left behind is removed by the next one (`remove_leftovers`). A file whose
text has not changed is not written again, so its modification time tells a build (and
MkDocs) that nothing changed. A file written over keeps its mode (and its owner, where the
system lets us); a new one gets the mode the umask gives. Nothing is written through a
symbolic link to a folder outside the one a command writes into (`check_inside`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import IO, Any

from .errors import BuilderError


def write_atomic(path: Path, text: str | Iterable[str], durable: bool = True) -> bool:
    """Write `text` (a string, or the pieces of one, never held whole in memory) to `path`,
    only if it differs from the file's text. `durable` waits for the disk before the rename
    (records: a maintainer's work); files made again by any build (pages, downloads) skip
    that wait. Returns whether the file was written."""
    if isinstance(text, str):
        if _reads_as(path, text):
            return False
        return _write_whole(path, lambda f: f.write(text), durable=durable)
    return _write_whole(path, lambda f: f.writelines(text), durable=durable, unless_same=True)


def write_new(path: Path, text: str) -> None:
    """Write `text` to `path` whole, never over an existing file: FileExistsError when there
    is one, even one made while this was written."""
    _write_whole(path, lambda f: f.write(text), exclusive=True)


def write_fresh(path: Path, text: str) -> None:
    """Write `text` to `path` in place (no temporary file), never over an existing file
    (FileExistsError): for a folder no one reads until it is complete, which then takes
    its place whole (a build's staged folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies, as to any new file
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def move_into(staged: Path, path: Path) -> None:
    """Put `staged` (a file written whole in the same file system) in the place of `path` by
    a rename, with the mode and owner of the file it replaces."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(staged, os.O_RDONLY)
    try:
        _take_mode(fd, path)
    finally:
        os.close(fd)
    os.replace(staged, path)


def write_binary(path: Path, fill: Callable[[IO[bytes]], Any]) -> None:
    """Write what `fill` writes into a binary file (a pickle) to `path` whole, without a
    wait for the disk: a file a build can always make again."""
    _write_whole(path, fill, binary=True)


def _write_whole(path: Path, fill: Callable[[Any], Any], binary: bool = False, durable: bool = False,
                 unless_same: bool = False, exclusive: bool = False) -> bool:
    """The one way a file is written: `fill` writes a temporary file in `path`'s folder (UTF-8
    text with \\n line ends, or bytes), which then takes the place of `path` by a rename, or
    by a link when `exclusive` (a link never replaces a file). With `unless_same`, a file
    that already holds those bytes is left as it is. Returns whether `path` was written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        return _fill_and_place(fd, tmp, path, fill, binary, durable, unless_same, exclusive)
    except OSError as e:
        if e.filename is None:  # a write or a wait for the disk (a full disk): say which file
            raise OSError(e.errno, e.strerror, str(path)) from None
        raise
    finally:
        tmp.unlink(missing_ok=True)


def _fill_and_place(fd: int, tmp: Path, path: Path, fill: Callable[[Any], Any], binary: bool, durable: bool,
                    unless_same: bool, exclusive: bool) -> bool:
    with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
        _take_mode(f.fileno(), path)
        fill(f)
        if durable:
            f.flush()
            os.fsync(f.fileno())
    if unless_same and _same_bytes(tmp, path):
        return False
    if exclusive:
        os.link(tmp, path)
    else:
        os.replace(tmp, path)
    return True


@cache
def _umask() -> int:
    """The process's umask (read once: reading it means setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _take_mode(fd: int, path: Path) -> None:
    """Give the temporary file `fd` the mode and owner of the file it will replace, or, for
    a new file, the mode the umask gives (mkstemp makes every file 0600)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        os.fchmod(fd, 0o666 & ~_umask())
        return
    os.fchmod(fd, st.st_mode & 0o7777)
    if hasattr(os, "fchown") and (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(PermissionError):  # only the superuser gives a file away
            os.fchown(fd, st.st_uid, st.st_gid)


def _reads_as(path: Path, text: str) -> bool:
    """Whether the file at `path` reads as `text`, line ends and all (False when it is not
    there or not UTF-8)."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read() == text
    except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError):
        return False


def _same_bytes(one: Path, other: Path, block: int = 1 << 20) -> bool:
    try:
        if one.stat().st_size != other.stat().st_size:
            return False
        with open(one, "rb") as a, open(other, "rb") as b:
            while True:
                x, y = a.read(block), b.read(block)
                if x != y:
                    return False
                if not x:
                    return True
    except OSError:
        return False


class NotAFile(BuilderError):
    """What should be a file is a folder, a pipe, a device, or a link to nothing: reading a
    pipe would wait for ever, so it is refused before it is opened."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file"


def regular_file(path: Path, what: str = "a file") -> os.stat_result:
    """The status of `path`, which must be a regular file (or a link to one): NotAFile,
    saying what it is instead and that `what` was expected, otherwise."""
    try:
        st = os.stat(path)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise NotAFile(f"{path}: is a symbolic link that leads back to itself; expected {what}") from None
        if e.errno == errno.ENOENT and os.path.islink(path):
            raise NotAFile(f"{path}: is a symbolic link to {os.readlink(path)}, which is not there; "
                           f"expected {what}") from None
        raise
    if not stat.S_ISREG(st.st_mode):
        raise NotAFile(f"{path}: is {_kind(st.st_mode)}; expected {what} (move it out of the way)")
    return st


def read_bytes(path: Path, what: str = "a file") -> bytes:
    """The bytes of the regular file `path`; NotAFile for anything else, found without
    waiting (a pipe is opened without blocking, then refused)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(f"{path}: is {_kind(mode)}; expected {what} (move it out of the way)")
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read()
    finally:
        os.close(fd)


FileState = tuple[int, int, int, int]


def state_of(st: os.stat_result) -> FileState:
    """What tells a file changed, from its status: its modification time, its change time,
    its inode and its size. The modification time alone can be set back (an edit of the same
    size would then go unseen); the change time cannot, and an atomic write makes a new inode."""
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_size)


def file_state(path: Path | str) -> FileState | None:
    """A file's state (state_of; None when it is not there): what a build compares to tell
    whether a file changed since it last saw it."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return state_of(st)


class OutsideFolder(BuilderError):
    """A folder to write into is a symbolic link (or lies under one) that leads out of the
    folder a command writes into."""


def check_inside(root: Path, folder: Path) -> None:
    """Refuse to write into `folder` when, links followed, it is not within `root` (a
    `docs/events` linked to another place would send pages there)."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(folder)
    if os.path.commonpath([real_root, real]) != real_root:
        raise OutsideFolder(f"{folder}: leads to {real}, outside {root}; refused (replace the "
                            f"symbolic link with a folder)")


_LEFTOVER = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files (`.NAME.XXXXXXXX.tmp`) an interrupted write left in
    `folder`; only a command that holds the folder's lock may, as another could be writing
    them. Returns those removed."""
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return removed
    for name in names:
        if _LEFTOVER.match(name):
            path = folder / name
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def sync_folder(folder: Path) -> None:
    """Wait for the disk to hold `folder`'s list of names (the renames into it), where the
    system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
