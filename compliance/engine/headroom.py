"""How much memory this process may still take, checked before durable-rules allocates.

Why: durable-rules' C core does not survive allocation failure. Under an
address-space limit (`ulimit -v`) a 1,000-provision rules directory died with
SIGSEGV (nothing printed) or was "rejected" with an empty reason, as if the
rules were bad. Python cannot catch a crash in C, so the adapter asks first:
registering a ruleset maps about 100 bytes per byte of its JSON (measured
here: 5 MB for a 48 KB ruleset of 245 rules), and a batch of facts a few times
its JSON. When the estimate does not fit, the run stops with a `ResourceError`
(exit 4) that says so, before the core is called.
"""

from __future__ import annotations

import resource
from pathlib import Path
from typing import Final

from compliance.errors import ResourceError

REGISTER_BYTES_PER_BYTE: Final = 150
"""Address space a ruleset's registration may take per byte of its JSON (measured ~105, with a margin)."""
ASSERT_BYTES_PER_BYTE: Final = 20
"""Address space a batch of facts may take in the core per byte of its JSON (a margin over what was seen)."""
RESERVE: Final = 32 << 20
"""Address space kept free for Python after the core has allocated (rendering the report needs some)."""


def _vm_size() -> int | None:
    """This process's mapped address space in bytes (Linux), or None where it cannot be read."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def free_address_space() -> int | None:
    """Bytes this process may still map under its address-space limit, or None when unlimited or unknown."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return None
    used = _vm_size()
    return None if used is None else soft - used


def ensure(need: int, what: str) -> None:
    """Raise `ResourceError` if `need` bytes (plus the reserve) will not fit in what is left."""
    free = free_address_space()
    if free is not None and free < need + RESERVE:
        raise ResourceError(
            f"{what} needs about {_mib(need)} of memory and only {_mib(max(free, 0))} is left under this "
            f"process's address-space limit ({_mib(resource.getrlimit(resource.RLIMIT_AS)[0])}); raise the "
            "limit (ulimit -v), check fewer readings or provisions at a time, or use --engine reference"
        )


def _mib(size: int) -> str:
    return f"{size / (1 << 20):,.0f} MiB"
