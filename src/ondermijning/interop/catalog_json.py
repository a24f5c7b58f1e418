"""The whole catalog as one versioned JSON document, with a conformance suite for ports.

``{"kind": "catalog_document", "format_version": 1, "library_version", "packs": [...],
"themes": [...], ..., "signal_lists": [{"list": {...}, "pack_version", "list_hash", "digits",
"cases": [...]}]}``. Items are the models' plain data (qualified ids). Each list's ``cases`` are
the conformance suite: its golden examples, no signal, every signal alone and every prefix of
the list in list order (these cross each threshold and combination step), each with the
``score`` and ``level`` this library computes. A port in another language passes when it
gives exactly those. The score is the float nearest the exact decimal sum of the weights
(``digits`` is how many decimals the list's numbers have), so compare it for equality.
"""

from __future__ import annotations

from typing import Any

from .._version import __version__
from ..catalog import Catalog
from ..converter import converter
from ..models import SignalList
from ..scoring import Scorer
from ..serialize import content_hash
from .formula import formula_for

KIND = "catalog_document"
FORMAT_VERSION = 1
#: the families in the document, in this order
FAMILIES = ("packs", "themes", "frameworks", "extensions", "routes", "dilemma_cards", "guides", "cases",
            "workshops", "trajectories")


def catalog_document(catalog: Catalog) -> dict[str, Any]:
    """The document for ``catalog``; a plugin scoring rule that applies to a list refuses it
    (:class:`~ondermijning.interop.formula.ExportError`), since a port could not score the same."""
    for signal_list in catalog.signal_lists.values():
        formula_for(signal_list, catalog.scoring_rules)
    document: dict[str, Any] = {"kind": KIND, "format_version": FORMAT_VERSION, "library_version": __version__}
    for family in FAMILIES:
        document[family] = [converter.unstructure(item) for _id, item in sorted(catalog.family(family).items())]
    document["signal_lists"] = [_list(sl, catalog) for _id, sl in sorted(catalog.signal_lists.items())]
    return document


def _list(signal_list: SignalList, catalog: Catalog) -> dict[str, Any]:
    scorer = Scorer(signal_list)
    pack = catalog.packs.get(signal_list.id.partition("/")[0])
    return {"list": converter.unstructure(signal_list), "pack_version": pack.version if pack else "",
            "list_hash": content_hash(signal_list), "digits": scorer.digits, "cases": conformance(scorer)}


def conformance(scorer: Scorer) -> list[dict[str, Any]]:
    """The cases of one list: examples, nothing, each signal alone, each prefix in list order."""
    sl = scorer.signal_list
    ids = [s.id for s in sl.signals]
    chosen: list[tuple[str, list[str], str]] = [
        ("example", list(scorer.resolve(e.signals)), e.description) for e in sl.examples]
    chosen.append(("none", [], ""))
    chosen += [("single", [i], "") for i in ids]
    chosen += [("prefix", ids[:n], "") for n in range(2, len(ids) + 1)]
    cases = []
    for origin, signals, description in chosen:
        score, level = scorer.score(frozenset(signals))
        case = {"origin": origin, "signals": sorted(signals), "score": score, "level": level.value}
        if description:
            case["description"] = description
        cases.append(case)
    return cases
