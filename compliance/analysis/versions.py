"""Which text of a policy was in force on a date, and what a report must say about it.

A policy file's top-level clauses are the text adopted on `adopted`; its
`versions` are later texts, each from its `adopted` date (or, when that is
not recorded, from the first report of it). `--as-of` picks the text in
force; the result is a policy with that text and no versions, so everything
downstream checks one text as before.

Two cases are reported, never hidden (deterministic notices in the report):

- a date before the policy's adoption: the policy did not exist yet; the
  adopted text is still checked, labelled, so a "what if it had" question
  gets an answer that says what it is;
- a version whose text is not in the sources (`text-found: false`): it is
  reported as in force and is **not** checked — no verdict is invented for
  words nobody has.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from compliance.errors import UsageError, did_you_mean
from compliance.model.policy import LoadedPolicy, PolicyVersion

ORIGINAL = "original"
"""How the top-level text is named when the file gives it no `version` label."""


@dataclass(frozen=True)
class InForce:
    """The text to check on a date, whether it can be checked, and what the report must say."""

    policy: LoadedPolicy
    checkable: bool
    notices: tuple[str, ...]


def base_label(policy: LoadedPolicy) -> str:
    """The name of the top-level text: its `version` label, else `original`."""
    return policy.document.version or ORIGINAL


def labels(policy: LoadedPolicy) -> tuple[str, ...]:
    """Every text of the policy by name, oldest first."""
    return (base_label(policy), *(v.version for v in policy.document.versions))


def _when(version: PolicyVersion) -> str:
    if version.adopted is not None:
        return f"adopted {version.adopted.isoformat()}"
    assert version.reported is not None
    return f"reported {version.reported.isoformat()}, adoption date not recorded"


def with_version(policy: LoadedPolicy, index: int) -> LoadedPolicy:
    """The policy with the text of `versions[index]` (or the top-level text for -1), and no versions left."""
    document = policy.document
    if index < 0:
        return replace(policy, document=document.model_copy(update={"versions": ()}), version_locations=())
    version = document.versions[index]
    update = {
        "clauses": version.clauses,
        "adopted": version.adopted or document.adopted,
        "source": version.source or document.source,
        "version": version.version,
        "versions": (),
    }
    locations = policy.version_locations[index] if index < len(policy.version_locations) else {}
    return replace(
        policy, document=document.model_copy(update=update), clause_locations=locations, version_locations=()
    )


def named(policy: LoadedPolicy, label: str) -> LoadedPolicy:
    """The policy with the text called `label`; a usage error for a name it does not have, or a text not found."""
    names = labels(policy)
    if label not in names:
        raise UsageError(
            f"{policy.path} has no version {label!r}{did_you_mean(label, names)}; its versions: {', '.join(names)}"
        )
    index = names.index(label) - 1
    if index >= 0 and not policy.document.versions[index].text_found:
        version = policy.document.versions[index]
        raise UsageError(
            f"version {label!r} of {policy.path} ({_when(version)}) has no text in the sources: there is nothing to"
            " compare, and none is invented"
        )
    return with_version(policy, index)


def text_on(policy: LoadedPolicy, day: dt.date) -> LoadedPolicy:
    """The text in force on `day`, for the commands that need words to work on (diff, dispute, suggest).

    A version whose text is not in the sources is a usage error there, naming the date that
    reaches the last text the sources have: nothing is compared or edited that nobody has read.
    """
    text = in_force(policy, day)
    if not text.checkable:
        raise UsageError(f"{policy.path}: {text.notices[-1]}")
    return text.policy


def in_force(policy: LoadedPolicy, day: dt.date) -> InForce:
    """The text in force on `day`, by the rule in this module's docstring."""
    document = policy.document
    index = -1
    for i, version in enumerate(document.versions):
        if version.starts <= day:
            index = i
    notices: list[str] = []
    if index < 0:
        if document.adopted is not None and day < document.adopted:
            notices.append(
                f"the policy was adopted {document.adopted.isoformat()}; on {day.isoformat()} it did not exist"
                " (its adopted text is checked, as if it had)"
            )
        return InForce(with_version(policy, -1), True, tuple(notices))
    version = document.versions[index]
    if not version.text_found:
        earlier = [v.version for v in document.versions[:index] if v.text_found]
        last = earlier[-1] if earlier else base_label(policy)
        before = (version.starts - dt.timedelta(days=1)).isoformat()
        notices.append(
            f"on {day.isoformat()} the version in force is {version.version!r} ({_when(version)}): its text is not"
            f" in the sources, so it is not checked (see its note); the last text in the sources is {last!r}"
            f" (--as-of {before} checks it)"
        )
        return InForce(with_version(policy, index), False, tuple(notices))
    notices.append(f"on {day.isoformat()} the version in force is {version.version!r} ({_when(version)})")
    return InForce(with_version(policy, index), True, tuple(notices))
