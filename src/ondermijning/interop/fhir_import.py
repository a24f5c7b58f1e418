"""A Questionnaire made by :func:`~ondermijning.interop.fhir.questionnaire`, read back into its list.

Texts come from the items (a reviewer may have corrected one in a FHIR tool); weights, red
flags, themes and sources from each signal's extensions; the rest from the Questionnaire's
extensions. The calculations must be exactly those the export writes for what was read:
a form whose FHIRPath was changed by hand would score differently, so it is refused.
"""

from __future__ import annotations

from typing import Any

from ..i18n import _
from .fhir import CALCULATED, EXTENSIONS, HELP, QUESTION, VARIABLE, questionnaire
from .formula import ExportError
from .imported import NOT_OURS, Imported, ImportFormError
from .record import RecordError, read_list, read_pack, read_themes


def read_questionnaire(document: Any, file: str) -> Imported:
    """The pack, list and themes in ``document`` (parsed JSON); ``file`` names it in errors."""
    fail = _Failing(file)
    if not isinstance(document, dict) or document.get("resourceType") != "Questionnaire":
        kind = document.get("resourceType") if isinstance(document, dict) else type(document).__name__
        fail("$.resourceType", _("geen FHIR-Questionnaire (resourceType is {kind!r})").format(kind=kind), NOT_OURS)
    own: dict[str, str] = {str(e.get("url")): e["valueString"] for e in _list(document, "extension", "$", fail)
                           if isinstance(e, dict) and isinstance(e.get("valueString"), str)}
    for key in ("pack", "signal-list", "themes"):
        if EXTENSIONS + key not in own:
            fail("$.extension", _("de extensie {url} ontbreekt").format(url=EXTENSIONS + key), NOT_OURS)
    pack = fail.record("$.extension[pack]", lambda: read_pack(own[EXTENSIONS + "pack"]))
    themes = fail.record("$.extension[themes]", lambda: read_themes(own[EXTENSIONS + "themes"]))
    categories, signals = [], []
    for i, group in enumerate(_list(document, "item", "$", fail)):
        where = f"$.item[{i}]"
        if not isinstance(group, dict) or group.get("type") != "group":
            continue
        link_id = _text(group, "linkId", where, fail)
        category = link_id.partition("#")[2]
        children = _list(group, "item", where, fail)
        categories.append({"id": category, "name": _text(group, "text", where, fail),
                           "description": _child_text(children, link_id + HELP)})
        for j, item in enumerate(children):
            if isinstance(item, dict) and item.get("type") == "boolean":
                signals.append(_signal(item, category, f"{where}.item[{j}]", fail))
    visible = {"name": _text(document, "title", "$", fail), "description": document.get("description", ""),
               "categories": categories, "signals": signals}
    signal_list = fail.record("$", lambda: read_list(own[EXTENSIONS + "signal-list"], visible))
    _same_calculations(document, Imported(pack, signal_list, tuple(themes)), fail)
    return Imported(pack, signal_list, tuple(themes))


class _Failing:
    def __init__(self, file: str) -> None:
        self.file = file

    def __call__(self, where: str, what: str, hint: str = "") -> Any:
        raise ImportFormError(self.file, where, what, hint)

    def record(self, where: str, read: Any) -> Any:
        try:
            return read()
        except RecordError as exc:
            self(where, str(exc), NOT_OURS)


def _list(node: dict[str, Any], key: str, where: str, fail: _Failing) -> list[Any]:
    value = node.get(key, [])
    if not isinstance(value, list):
        fail(f"{where}.{key}", _("geen lijst"))
    return list(value)


def _text(node: dict[str, Any], key: str, where: str, fail: _Failing) -> str:
    value = node.get(key)
    if not isinstance(value, str):
        fail(f"{where}.{key}", _("tekst ontbreekt"))
    return str(value)


def _child_text(children: list[Any], link_id: str) -> str:
    for child in children:
        if isinstance(child, dict) and child.get("linkId") == link_id and isinstance(child.get("text"), str):
            return str(child["text"])
    return ""


def _signal(item: dict[str, Any], category: str, where: str, fail: _Failing) -> dict[str, Any]:
    link_id = _text(item, "linkId", where, fail)
    extensions = [e for e in _list(item, "extension", where, fail) if isinstance(e, dict)]
    by_url = {e.get("url"): e for e in extensions}
    weight = by_url.get(EXTENSIONS + "signal-weight", {}).get("valueDecimal")
    if isinstance(weight, bool) or not isinstance(weight, (int, float)):
        fail(f"{where}.extension", _("signaal {id}: het gewicht (extensie signal-weight, valueDecimal) ontbreekt"
                                     ).format(id=link_id), NOT_OURS)
    red = by_url.get(EXTENSIONS + "signal-red-flag", {}).get("valueBoolean")
    if not isinstance(red, bool):
        fail(f"{where}.extension", _("signaal {id}: rode vlag (extensie signal-red-flag, valueBoolean) ontbreekt"
                                     ).format(id=link_id), NOT_OURS)
    source = {s.get("url"): s.get("valueString") for s in by_url.get(EXTENSIONS + "source", {}).get("extension", [])
              if isinstance(s, dict)}
    children = _list(item, "item", where, fail)
    return {"id": link_id, "category": category, "text": _text(item, "text", where, fail),
            "weight": weight, "red_flag": red, "source": source,
            "themes": [e.get("valueString") for e in extensions if e.get("url") == EXTENSIONS + "signal-theme"],
            "explanation": _child_text(children, link_id + HELP), "question": _child_text(children, link_id + QUESTION)}


def _calculations(document: dict[str, Any]) -> list[Any]:
    found = [e.get("valueExpression") for e in document.get("extension", [])
             if isinstance(e, dict) and e.get("url") == VARIABLE]
    for item in document.get("item", []):
        if isinstance(item, dict):
            found += [(item.get("linkId"), e.get("valueExpression")) for e in item.get("extension", [])
                      if isinstance(e, dict) and e.get("url") == CALCULATED]
    return found


def _same_calculations(document: dict[str, Any], imported: Imported, fail: _Failing) -> None:
    try:
        expected = questionnaire(imported.signal_list, imported.pack, themes=imported.themes)
    except ExportError as exc:
        fail("$", str(exc))
    if _calculations(document) != _calculations(expected):
        fail("$.extension", _("de berekening (FHIRPath) past niet bij de gewichten, drempels en combinatiestappen "
                              "in het formulier; is ze met de hand gewijzigd?"),
             _("verander gewichten en drempels in het pack en exporteer opnieuw"))
