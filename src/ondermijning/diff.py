"""Compare two versions of a pack folder: what changed, and how levels shift.

Both folders must hold the same pack (equal pack ids): comparing two different packs would
match unrelated items that happen to share a local id. Items are matched by their local id
(the part after ``pack/``). For each signal list in both versions, the same observation sets (of the signals
both versions have) are scored with the old and the new list: exhaustively when there are
at most 14 such signals, otherwise a seeded random sample. Scoring rules from plugins are not
applied: this compares the packs themselves.
"""

from __future__ import annotations

import itertools
import os
import random
from collections import Counter
from collections.abc import Mapping
from typing import Any

import attrs

from .i18n import N_
from .loader import load_pack
from .models import FAMILIES, ConcernLevel, SignalList
from .scoring import Scorer

EXHAUSTIVE_UP_TO = 14  # 2**14 = 16,384 sets


@attrs.frozen(kw_only=True)
class ItemChange:
    family: str
    id: str  # local id
    kind: str  # added | removed | changed
    fields: tuple[str, ...] = ()  # for changed items: which top-level keys differ
    details: tuple[str, ...] = ()  # for signal lists: signal-level changes, for a person (the chosen language)
    #: what each detail is, in the same order: signal-added, signal-removed, weight, red-flag, category,
    #: thresholds, combination (what the version policy reads; the details' words depend on the language)
    detail_kinds: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class LevelShift:
    signal_list: str  # local id
    compared: int
    exhaustive: bool
    common_signals: int
    shifts: tuple[tuple[str, str, int], ...] = ()  # (old level, new level, count)
    examples: tuple[tuple[tuple[str, ...], str, str], ...] = ()  # (signal ids, old level, new level)


@attrs.frozen(kw_only=True)
class PackDiff:
    old: str  # "deurne 0.1.0"
    new: str
    changes: tuple[ItemChange, ...] = ()
    shifts: tuple[LevelShift, ...] = ()


class DifferentPacksError(ValueError):
    """The two folders hold different packs, so there is no sense in comparing them item by item."""

    def __init__(self, old_id: str, new_id: str) -> None:
        from .i18n import _

        super().__init__(_("OUD is pack {old!r}, NIEUW is pack {new!r}: diff vergelijkt twee versies van één pack")
                         .format(old=old_id, new=new_id))
        self.old_id, self.new_id = old_id, new_id


def _local(item_id: str) -> str:
    return item_id.split("/", 1)[-1]


def diff_packs(old: str | os.PathLike[str], new: str | os.PathLike[str], *, samples: int = 2000,
               seed: int = 0) -> PackDiff:
    """Compare two versions of one pack.

    Raises :class:`~ondermijning.errors.PackError` if a folder does not load, and
    :class:`DifferentPacksError` if the folders hold packs with different ids.
    """
    before, after = load_pack(old), load_pack(new)
    if before.pack.id != after.pack.id:
        raise DifferentPacksError(before.pack.id, after.pack.id)
    changes: list[ItemChange] = []
    shifts: list[LevelShift] = []
    for family in FAMILIES:
        old_items = {_local(i.id): i for i in before.items[family]}
        new_items = {_local(i.id): i for i in after.items[family]}
        for local in sorted(old_items.keys() | new_items.keys()):
            a, b = old_items.get(local), new_items.get(local)
            if a is None:
                changes.append(ItemChange(family=family, id=local, kind="added"))
            elif b is None:
                changes.append(ItemChange(family=family, id=local, kind="removed"))
            else:
                fields = _changed_fields(a, b, before.pack.id, after.pack.id)
                found = _signal_changes(a, b) if isinstance(a, SignalList) else ()
                if fields:
                    changes.append(ItemChange(family=family, id=local, kind="changed", fields=fields,
                                              details=tuple(text for _kind, text in found),
                                              detail_kinds=tuple(kind for kind, _text in found)))
                if isinstance(a, SignalList) and isinstance(b, SignalList):
                    shifts.append(level_shifts(a, b, samples=samples, seed=seed))
    return PackDiff(old=f"{before.pack.id} {before.pack.version}", new=f"{after.pack.id} {after.pack.version}",
                    changes=tuple(changes), shifts=tuple(shifts))


def _plain(value: Any, old_pack: str, new_pack: str) -> Any:
    """An item as plain data with pack prefixes removed, so only local ids are compared."""
    from .converter import converter

    text = repr(converter.unstructure(value))
    return text.replace(f"'{old_pack}/", "'").replace(f"'{new_pack}/", "'")


def _changed_fields(a: Any, b: Any, old_pack: str, new_pack: str) -> tuple[str, ...]:
    return tuple(f.name for f in attrs.fields(type(a))
                 if _plain(getattr(a, f.name), old_pack, new_pack) != _plain(getattr(b, f.name), old_pack, new_pack))


def _signal_changes(a: SignalList, b: SignalList) -> tuple[tuple[str, str], ...]:
    """The signal-level changes of a list: (kind, text) pairs."""
    old = {_local(s.id): s for s in a.signals}
    new = {_local(s.id): s for s in b.signals}
    from .i18n import _

    lines = [("signal-added", _("signaal toegevoegd: {id}").format(id=k)) for k in sorted(new.keys() - old.keys())]
    lines += [("signal-removed", _("signaal weggehaald: {id}").format(id=k)) for k in sorted(old.keys() - new.keys())]
    for k in sorted(old.keys() & new.keys()):
        s, t = old[k], new[k]
        if s.weight != t.weight:
            lines.append(("weight", _("signaal {id}: gewicht {old} -> {new}").format(id=k, old=f"{s.weight:g}",
                                                                                     new=f"{t.weight:g}")))
        if s.red_flag != t.red_flag:
            lines.append(("red-flag", (_("signaal {id}: rode vlag aan") if t.red_flag else
                                       _("signaal {id}: rode vlag uit")).format(id=k)))
        if s.category != t.category:
            lines.append(("category", _("signaal {id}: categorie {old} -> {new}").format(id=k, old=s.category,
                                                                                        new=t.category)))
    ta, tb = a.scoring.thresholds, b.scoring.thresholds
    if (ta.moderate, ta.high) != (tb.moderate, tb.high):
        lines.append(("thresholds", _("drempels: matig {old_moderate} -> {new_moderate}, hoog {old_high} -> "
                                      "{new_high}").format(old_moderate=f"{ta.moderate:g}",
                                                           new_moderate=f"{tb.moderate:g}",
                                                           old_high=f"{ta.high:g}", new_high=f"{tb.high:g}")))
    if a.scoring.combination != b.scoring.combination:
        lines.append(("combination", _("combinatiestappen gewijzigd")))
    return tuple(lines)


def level_shifts(a: SignalList, b: SignalList, *, samples: int = 2000, seed: int = 0) -> LevelShift:
    """Score the same observation sets with both versions and count the level changes."""
    old_ids = {_local(s.id): s.id for s in a.signals}
    new_ids = {_local(s.id): s.id for s in b.signals}
    common = sorted(old_ids.keys() & new_ids.keys())
    old_scorer, new_scorer = Scorer(a), Scorer(b)
    exhaustive = len(common) <= EXHAUSTIVE_UP_TO
    if exhaustive:
        sets = (combo for size in range(len(common) + 1) for combo in itertools.combinations(common, size))
    else:
        rng = random.Random(seed)
        sets = (tuple(sorted(rng.sample(common, rng.randint(0, min(15, len(common)))))) for _ in range(samples))
    counts: Counter[tuple[ConcernLevel, ConcernLevel]] = Counter()
    examples: list[tuple[tuple[str, ...], str, str]] = []
    compared = 0
    for observed in sets:
        compared += 1
        _, before = old_scorer.score([old_ids[k] for k in observed])
        _, after = new_scorer.score([new_ids[k] for k in observed])
        if before is not after:
            counts[(before, after)] += 1
            if len(examples) < 5:
                examples.append((observed, before.value, after.value))
    return LevelShift(signal_list=_local(a.id), compared=compared, exhaustive=exhaustive,
                      common_signals=len(common), examples=tuple(examples),
                      shifts=tuple((x.value, y.value, n) for (x, y), n in sorted(counts.items(),
                                                                               key=lambda kv: (-kv[1], kv[0][0].rank))))


#: the headings of diff's text, per kind of change (translated where used)
_KINDS = {"added": N_("Toegevoegd ({n}):"), "removed": N_("Weggehaald ({n}):"), "changed": N_("Gewijzigd ({n}):")}


def _percent(part: int, whole: int) -> str:
    """``12,5%`` in Dutch, ``12.5%`` in English."""
    from .i18n import SOURCE_LANGUAGE, language

    text = f"{part / whole:.1%}"
    return text.replace(".", ",") if language() == SOURCE_LANGUAGE else text


def diff_to_text(diff: PackDiff) -> str:
    """The comparison for a person, in the chosen language (the JSON keeps ids and level codes)."""
    from .i18n import _, number
    from .models.packfile import family_label

    def level(value: str) -> str:
        return ConcernLevel(value).label

    lines = [f"{diff.old} -> {diff.new}"]
    groups: Mapping[str, list[ItemChange]] = {k: [c for c in diff.changes if c.kind == k]
                                              for k in ("added", "removed", "changed")}
    if not diff.changes:
        lines.append(_("Niets toegevoegd, weggehaald of gewijzigd."))
    for kind, items in groups.items():
        if items:
            lines.append(_(_KINDS[kind]).format(n=len(items)))
            for c in items:
                extra = f": {', '.join(c.fields)}" if c.fields else ""
                lines.append(f"  {family_label(c.family)} {c.id}{extra}")
                lines.extend(f"      {d}" for d in c.details)
    for shift in diff.shifts:
        lines.append((_("Niveaus van signalenlijst {list}: alle {n} combinaties van de {signals} signalen die in beide "
                        "versies staan") if shift.exhaustive else
                      _("Niveaus van signalenlijst {list}: een steekproef van {n} combinaties van de {signals} "
                        "signalen die in beide versies staan"))
                     .format(list=shift.signal_list, n=number(shift.compared), signals=shift.common_signals))
        if not shift.shifts:
            lines.append("  " + _("geen niveau verschuift"))
        for before, after, count in shift.shifts:
            lines.append(f"  {level(before)} -> {level(after)}: {number(count)} ({_percent(count, shift.compared)})")
        for observed, before, after in shift.examples:
            lines.append("  " + _("bijvoorbeeld {{{signals}}}: {before} -> {after}").format(
                signals=", ".join(observed) or _("niets"), before=level(before), after=level(after)))
    return "\n".join(lines) + "\n"
