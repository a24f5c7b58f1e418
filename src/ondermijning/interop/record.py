"""What a form carries besides its questions, so that reading it back gives the same list.

Texts a person reads travel in the form's own fields (titles, labels, help texts); weights,
red flags, themes and sources in typed fields of each signal; the rest of the list (its id,
source, goals, protective factors, golden examples, ...) and the pack record as JSON texts in
the form's metadata.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import attrs
import cattrs

from ..converter import converter, error_lines
from ..i18n import _
from ..models import Pack, Signal, SignalList, Theme, pack_of

T = TypeVar("T")

#: the key of the signals' order in the list's metadata
ORDER = "signal_order"
#: fields of a list that the form's groups and questions carry themselves
VISIBLE = ("name", "description", "categories", "signals")


class RecordError(ValueError):
    """Metadata that is not what an export writes (the message says what)."""


def list_extras(signal_list: SignalList) -> str:
    """The list's other fields as JSON (keys sorted, so the same list gives the same text)."""
    data = converter.unstructure(signal_list)
    extras = {k: v for k, v in data.items() if k not in VISIBLE}
    # a form groups signals by category; the list's own order (that of the explanation) travels here
    extras[ORDER] = [s.id for s in signal_list.signals]
    return json.dumps(extras, ensure_ascii=False, sort_keys=True)


def pack_record(pack: Pack) -> str:
    """The pack record as JSON, without its translations: a form carries the list in the pack's own language."""
    return json.dumps(converter.unstructure(attrs.evolve(pack, translations=())), ensure_ascii=False, sort_keys=True)


def signal_extras(signal: Signal) -> dict[str, Any]:
    """A signal's fields that are not texts: weight, red flag, themes and source (plain data)."""
    return {"weight": signal.weight, "red_flag": signal.red_flag, "themes": list(signal.themes),
            "source": converter.unstructure(signal.source)}


def own_themes(signal_list: SignalList, themes: Mapping[str, Theme]) -> list[Theme]:
    """The themes of the list's own pack that the list names: they travel with it (other packs' stay references)."""
    pack = pack_of(signal_list.id)
    named = {*signal_list.red_flag_themes, *(t for s in signal_list.signals for t in s.themes)}
    return [theme for theme_id, theme in themes.items() if theme_id in named and pack_of(theme_id) == pack]


def themes_record(themes: Sequence[Theme]) -> str:
    """Themes as a JSON list."""
    return json.dumps([converter.unstructure(t) for t in themes], ensure_ascii=False, sort_keys=True)


def read_themes(text: str) -> list[Theme]:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise RecordError(_("geen JSON: {error}").format(error=exc)) from None
    if not isinstance(data, list):
        raise RecordError(_("geen JSON-lijst"))
    return structure(data, list[Theme])


def read_pack(text: str) -> Pack:
    """The pack record from :func:`pack_record`'s JSON."""
    return structure(load(text), Pack)


def read_list(extras: str, visible: dict[str, Any]) -> SignalList:
    """The list from :func:`list_extras`' JSON and the fields the form's questions carry."""
    data = load(extras)
    overlap = sorted(set(data) & set(VISIBLE))
    if overlap:
        raise RecordError(_("onverwachte sleutels {keys} in de metadata van de lijst").format(keys=overlap))
    order = data.pop(ORDER, [])
    signals = list(visible.get("signals", []))
    if isinstance(order, list) and sorted(order, key=str) == sorted((s.get("id") for s in signals), key=str):
        position = {signal_id: i for i, signal_id in enumerate(order)}
        signals.sort(key=lambda s: position[s.get("id")])
    return structure({**data, **visible, "signals": signals}, SignalList)


def load(text: str) -> dict[str, Any]:
    """A JSON object."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise RecordError(_("geen JSON: {error}").format(error=exc)) from None
    if not isinstance(data, dict):
        raise RecordError(_("geen JSON-object"))
    return data


def structure(data: Any, cls: type[T]) -> T:
    """A model from plain data; every problem as one :class:`RecordError`."""
    try:
        return converter.structure(data, cls)
    except (cattrs.ClassValidationError, cattrs.IterableValidationError) as exc:
        raise RecordError("; ".join(error_lines(exc))) from None
    except (TypeError, ValueError) as exc:
        raise RecordError(str(exc)) from None
