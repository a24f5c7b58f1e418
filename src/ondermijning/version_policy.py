"""The version policy for packs: what a change between two versions asks of the new version number.

- **major**: a change that moves a level for the same observations (a level shift found by
  :func:`~ondermijning.diff.level_shifts`), or that takes something away (an item, a signal of
  a list) so that references or stored observations no longer resolve. A scoring change
  (weights, thresholds, red flags, combination steps, categories of signals) in a list too
  large to compare exhaustively counts as major even when the sample found no shift: a
  sample cannot show that no level moves.
- **minor**: new items or signals, and scoring changes that provably move no level.
- **patch**: anything else (wording, sources, contact details).

Before 1.0.0 each step moves one place down (semver leaves 0.x open; this follows the
convention of Cargo and npm): a major change asks for 0.(y+1).0, anything less for
0.y.(z+1). ``ondermijning diff OLD NEW --check-version`` applies the policy.
"""

from __future__ import annotations

import attrs
from packaging.version import InvalidVersion, Version

from .diff import PackDiff
from .i18n import _
from .models.packfile import family_label

#: from nothing to the largest change
BUMPS = ("none", "patch", "minor", "major")
#: detail lines of a list's diff that change how it scores (``diff._signal_changes``)
#: the kinds of list details (diff.ItemChange.detail_kinds) that change the score
_SCORING = ("weight", "red-flag", "category", "thresholds", "combination")


@attrs.frozen(kw_only=True)
class VersionCheck:
    """What the change needs (``needed``), what the version number says (``given``), and why."""

    old_version: str
    new_version: str
    needed: str  # one of BUMPS
    given: str  # one of BUMPS, or "lower" when the new version is not higher
    ok: bool
    reasons: tuple[str, ...] = ()


def needed_bump(diff: PackDiff) -> tuple[str, tuple[str, ...]]:
    """The bump a diff needs and the changes that decide it (the largest kind first)."""
    found: dict[str, list[str]] = {bump: [] for bump in BUMPS[1:]}
    exhaustive = {shift.signal_list: shift.exhaustive for shift in diff.shifts}
    for shift in diff.shifts:
        moved = sum(count for _old, _new, count in shift.shifts)
        if moved:
            found["major"].append(_("signalenlijst {list}: {n} combinaties van signalen krijgen een ander niveau")
                                  .format(list=shift.signal_list, n=moved))
    for change in diff.changes:
        what = f"{family_label(change.family)} {change.id}"
        if change.kind == "removed":
            found["major"].append(_("{what} is weggehaald").format(what=what))
        elif change.kind == "added":
            found["minor"].append(_("{what} is nieuw").format(what=what))
            continue
        details = list(zip(change.detail_kinds, change.details, strict=False))
        removed = [text for kind, text in details if kind == "signal-removed"]
        scoring = [text for kind, text in details if kind in _SCORING]
        if removed:
            found["major"].append(_("{what}: {details}").format(what=what, details="; ".join(removed)))
        if scoring and not exhaustive.get(change.id, True):
            found["major"].append(_("{what}: de score verandert ({details}) en de lijst is te groot om te bewijzen "
                                    "dat geen niveau verschuift").format(what=what, details="; ".join(scoring)))
        elif scoring:
            found["minor"].append(_("{what}: de score verandert, geen niveau ({details})").format(
                what=what, details="; ".join(scoring)))
        if "signal-added" in change.detail_kinds:
            found["minor"].append(_("{what}: nieuwe signalen").format(what=what))
        if change.kind == "changed":
            found["patch"].append(_("{what}: {fields} gewijzigd").format(what=what, fields=", ".join(change.fields)))
    for bump in reversed(BUMPS[1:]):
        if found[bump]:
            return bump, tuple(found[bump])
    return "none", ()


def given_bump(old: str, new: str) -> str:
    """The step from version ``old`` to ``new``; before 1.0.0 moved one place up ("0.1.0" -> "0.2.0": major)."""
    a, b = Version(old), Version(new)
    if b <= a:
        return "lower" if b < a else "none"
    pre_one = a.major == 0 and b.major == 0
    if b.major > a.major:
        return "major"
    if b.minor > a.minor:
        return "major" if pre_one else "minor"
    return "minor" if pre_one else "patch"


def check_version(diff: PackDiff) -> VersionCheck:
    """Whether the new version number of ``diff`` is large enough for what changed."""
    old_version, new_version = diff.old.rpartition(" ")[2], diff.new.rpartition(" ")[2]
    needed, reasons = needed_bump(diff)
    try:
        given = given_bump(old_version, new_version)
    except InvalidVersion:  # pack.toml versions are checked as semver when loaded; this is defensive
        given = "none"
    ok = given != "lower" and BUMPS.index(given) >= BUMPS.index(needed)
    return VersionCheck(old_version=old_version, new_version=new_version, needed=needed, given=given, ok=ok,
                        reasons=reasons)


def check_to_text(check: VersionCheck) -> str:
    """The verdict for people, in Dutch: one line, then the changes that decide it."""
    names = {"none": _("geen"), "patch": _("patch"), "minor": _("minor"), "major": _("major"),
             "lower": _("lager")}
    if check.ok:
        head = _("Versie {old} -> {new} past bij de wijzigingen (nodig: {needed}, gegeven: {given}).")
    elif check.given == "lower":
        head = _("Versie {old} -> {new} gaat omlaag; nodig is een {needed}-versie.")
    else:
        head = _("Versie {old} -> {new} is te klein: de wijzigingen vragen een {needed}-versie, gegeven is "
                 "{given}. Zie het versiebeleid in docs/pack-format.md.")
    lines = [head.format(old=check.old_version, new=check.new_version, needed=names[check.needed],
                         given=names[check.given])]
    lines.extend(f"  - {reason}" for reason in check.reasons)
    return "\n".join(lines) + "\n"
