"""`tests.child.in_child` must pass what passes and fail, with the reason, what fails or crashes."""

from __future__ import annotations

import faulthandler
import os
import signal

import pytest

from tests.child import in_child


@in_child
def _passes(value: int) -> None:
    assert value == 1


@in_child
def _fails() -> None:
    assert 1 + 1 == 3, "arithmetic in the child"


@in_child
def _dies() -> None:
    faulthandler.disable()  # pytest's handler would print this deliberate crash's stack
    os.kill(os.getpid(), signal.SIGSEGV)


def test_a_passing_body_passes_and_arguments_reach_the_child() -> None:
    _passes(1)
    with pytest.raises(pytest.fail.Exception, match="value == 1"):
        _passes(2)


def test_a_failing_assertion_fails_the_test_with_its_message() -> None:
    with pytest.raises(pytest.fail.Exception, match="arithmetic in the child"):
        _fails()


def test_a_crash_fails_the_test_naming_the_signal() -> None:
    with pytest.raises(pytest.fail.Exception, match=f"killed by signal {int(signal.SIGSEGV)}"):
        _dies()
