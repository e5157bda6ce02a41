"""Reading a file with a snapshot of what was read, and replacing it safely.

Used by ``--fix`` (the article) and ``--write-baseline`` (the baseline file): a file is
replaced through a temporary file in the same directory and a rename, keeping its
permission bits, owner and hard links, and never when it changed since it was read.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass

from medlint.document import NotReadable, decode, read_bytes_stat


class FileChangedError(Exception):
    """The file is no longer what was linted (edited or deleted meanwhile): not written."""


@dataclass(frozen=True)
class Snapshot:
    """What was read from a file to lint it, to tell whether it changed since."""

    data: bytes
    dev: int
    ino: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, data: bytes, st: os.stat_result) -> Snapshot:
        return cls(data, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)

    def check(self, path: str) -> os.stat_result:
        """Raise :class:`FileChangedError` unless ``path`` still holds what was read."""
        try:
            st = os.stat(path)
            same = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns) == (
                self.dev,
                self.ino,
                self.size,
                self.mtime_ns,
            )
            if same:
                with open(path, "rb") as fh:
                    same = fh.read(self.size + 1) == self.data
        except FileNotFoundError:
            raise FileChangedError("deleted while medlint ran") from None
        if not same:
            raise FileChangedError("changed while medlint ran")
        return st


def read_snapshot(path: str) -> tuple[str, bool, Snapshot] | None:
    """The decoded text of a file, whether it had a BOM and a :class:`Snapshot` of it, or
    None if it cannot be read/decoded (the engine reports those as E901/E902): only a
    regular file is read (a FIFO or device put in its place meanwhile would block or never
    end), and at most ``MAX_FILE_BYTES``."""
    try:
        data, st = read_bytes_stat(path)
    except (OSError, NotReadable):
        return None
    text, had_bom, _err = decode(data)
    return None if text is None else (text, had_bom, Snapshot.of(data, st))


def _write_in_place(target: str, data: bytes, expect: Snapshot | None) -> None:
    """Overwrite the file itself (same inode): keeps hard links and the owner, not atomic."""
    with open(target, "r+b") as fh:
        if expect is not None:
            expect.check(target)
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())


def write_atomic(path: str, data: bytes, expect: Snapshot | None = None) -> None:
    """Replace the file's content via a temporary file in the same directory and a rename,
    keeping its permission bits; a symlink is followed, not replaced.

    With ``expect``, the file must still be what was read (same bytes, size, mtime, inode)
    right before the rename, else :class:`FileChangedError` and nothing is written (a file
    deleted meanwhile is not created again).  A file with several hard links, or whose owner
    the new file could not be given, is overwritten in place instead, so the links and the
    ownership stay.
    """
    target = os.path.realpath(path)
    directory = os.path.dirname(target) or "."
    st: os.stat_result | None
    try:
        st = expect.check(target) if expect is not None else os.stat(target)
    except FileNotFoundError:  # a new file: what open() would give it
        st = None
    if st is not None:
        mode = stat.S_IMODE(st.st_mode)
        if st.st_nlink > 1:
            _write_in_place(target, data, expect)
            return
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".medlint-fix-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if st is not None:
            new = os.stat(tmp)
            if (new.st_uid, new.st_gid) != (st.st_uid, st.st_gid):
                try:
                    os.chown(tmp, st.st_uid, st.st_gid)
                    os.chmod(tmp, mode)  # chown may clear setuid/setgid bits
                except OSError:  # cannot give the file away: keep the original file
                    os.unlink(tmp)
                    _write_in_place(target, data, expect)
                    return
        if expect is not None:
            expect.check(target)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
