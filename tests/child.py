"""Run a memory-heavy test in a forked child process, so what it allocates dies with the child.

Why: durable-rules' C core keeps part of every ruleset's memory after the ruleset is deleted
(its state's tables), and glibc rarely hands freed memory back, so one test that compiles a
synthetic corpus of hundreds of provisions raises the whole run's resident memory for good.
In a child, the same assertions run on the same objects (fork copies the parent), and the
parent fails with the child's traceback, or with the signal that killed it.

Linux and macOS only (os.fork); the suite's CI is Linux.
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from typing import ParamSpec

import pytest

P = ParamSpec("P")


def in_child(test: Callable[P, None]) -> Callable[P, None]:
    """Decorate a plain (non-hypothesis) test function to run its body in a forked child."""

    @functools.wraps(test)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: run, report, and leave without running the parent's cleanup
            os.close(read)
            code = 0
            try:
                test(*args, **kwargs)
            except BaseException:
                os.write(write, traceback.format_exc().encode("utf-8", "replace"))
                code = 1
            finally:
                os.close(write)
                os._exit(code)
        os.close(write)
        with os.fdopen(read, "rb") as pipe:
            report = pipe.read().decode("utf-8", "replace")
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            pytest.fail(f"the child running {test.__name__} was killed by signal {os.WTERMSIG(status)}")
        if os.waitstatus_to_exitcode(status) != 0:
            pytest.fail(f"{test.__name__} failed in its child process:\n{report}", pytrace=False)

    return wrapper
