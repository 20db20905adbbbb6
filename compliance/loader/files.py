"""Read an input file safely: only a regular file, never blocking, never more than a limit.

Why one function: a named pipe, a terminal or a device given as an input would
make a plain `open()` block forever or stream without end, so every input
(YAML rules and policies, the text `draft` reads) is opened non-blocking and
checked with `fstat` before a byte is read. Every failure is a located
`InputError` (exit 2): the user named a file that cannot be read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from compliance.errors import InputError, Location


def read_regular(path: Path, where: Location, max_bytes: int, expected: str) -> bytes:
    """At most `max_bytes + 1` bytes of the regular file at `path`; `expected` names what to give instead."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except (FileNotFoundError, NotADirectoryError, ValueError):
        raise InputError.at(where, "no such file; check the path and its spelling", "not-found") from None
    except IsADirectoryError:
        raise InputError.at(where, f"this is a directory; give the path of {expected}", "is-directory") from None
    except PermissionError:
        raise InputError.at(where, "permission denied; make the file readable", "unreadable") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise InputError.at(where, f"cannot read the file ({reason}); check the path", "unreadable") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError.at(where, f"this is a directory; give the path of {expected}", "is-directory")
        if not stat.S_ISREG(mode):
            raise InputError.at(
                where, f"not a regular file (a pipe, socket or device); give the path of {expected}", "not-a-file"
            )
        with open(fd, "rb", closefd=False) as handle:
            return handle.read(max_bytes + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise InputError.at(where, f"cannot read the file ({reason}); check the path", "unreadable") from None
    finally:
        os.close(fd)
