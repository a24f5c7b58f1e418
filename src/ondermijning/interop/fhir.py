"""A signal list as an HL7 FHIR R4 Questionnaire with SDC calculations.

One ``group`` per category, one ``boolean`` item per signal (``linkId`` = the qualified signal
id, the explanation as help text, the enrichment question shown once the signal is ticked), and
at the end a ``decimal`` item ``score`` and a ``string`` item ``level`` (``low``, ``moderate``,
``high``) whose ``calculatedExpression`` (FHIRPath) computes what ``assess()`` computes. Four
SDC ``variable`` expressions on the Questionnaire do the work, in the list's whole units
(:mod:`.formula`): ``ticked`` (the linkIds answered true), ``redFlag`` (a red-flag signal is
ticked), ``categories`` (how many categories have a ticked signal) and ``units`` (weights plus
combination bonuses). Renderers that follow SDC (LHC-Forms, the Android FHIR SDK) evaluate them
as the form is filled in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from ..assessment import DEFAULT_REMINDER
from ..i18n import _
from ..models import Pack, Signal, SignalList, Theme, pack_of
from ..render.picture import thresholds_text
from ..scoring import ScoringRule
from .formula import Formula, formula_for
from .record import list_extras, pack_record, signal_extras, themes_record

#: where the library's own extensions are defined (a reserved example domain until the project has a home)
EXTENSIONS = "https://ondermijning.example/fhir/StructureDefinition/"
#: the canonical base of an exported Questionnaire, unless --base gives the municipality's own
DEFAULT_BASE = "https://ondermijning.example/fhir"
CALCULATED = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression"
VARIABLE = "http://hl7.org/fhir/StructureDefinition/variable"
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"
FHIRPATH = "text/fhirpath"
STATUSES = ("draft", "active", "retired")

#: linkIds of the calculated items and the reminder; signal ids hold a "/" and groups a "#", so these are free
SCORE, LEVEL, REMINDER = "score", "level", "reminder"
HELP, QUESTION = "#uitleg", "#vraag"


def questionnaire(signal_list: SignalList, pack: Pack, *, rules: Sequence[ScoringRule] = (),
                  themes: Sequence[Theme] = (), base: str = DEFAULT_BASE, status: str = "draft") -> dict[str, Any]:
    """The Questionnaire (a JSON-ready dict) for ``signal_list`` of ``pack``.

    ``rules`` are the catalog's scoring rules: one that applies to the list raises
    :class:`~ondermijning.interop.formula.ExportError`. ``themes`` are the pack's own themes the
    list names (:func:`~ondermijning.interop.record.own_themes`): they travel with it.
    """
    if status not in STATUSES:
        raise ValueError(_("status moet een van {choices} zijn, niet {status!r}").format(choices=", ".join(STATUSES),
                                                                                      status=status))
    formula = formula_for(signal_list, rules)
    local = signal_list.id.partition("/")[2]
    document: dict[str, Any] = {"resourceType": "Questionnaire"}
    resource_id = re.sub(r"[^A-Za-z0-9.-]", "-", f"{pack_of(signal_list.id)}-{local}")
    if len(resource_id) <= 64:
        document["id"] = resource_id
    document.update({
        "extension": [*variables(formula),
                      {"url": EXTENSIONS + "pack", "valueString": pack_record(pack)},
                      {"url": EXTENSIONS + "signal-list", "valueString": list_extras(signal_list)},
                      {"url": EXTENSIONS + "themes", "valueString": themes_record(themes)}],
        "url": f"{base.rstrip('/')}/Questionnaire/{resource_id}",
        "version": pack.version,
        "name": _computer_name(signal_list.id),
        "title": signal_list.name,
        "status": status,
        "language": pack.language,
    })
    if pack.publisher:
        document["publisher"] = pack.publisher
    if signal_list.description:
        document["description"] = signal_list.description
    items = [_group(signal_list, category.id, category.name, category.description) for category in
             signal_list.categories]
    items += _results(signal_list, formula)
    document["item"] = items
    return document


def group_id(signal_list: SignalList, category: str) -> str:
    """The linkId of a category's group: ``deurne/jongeren#gedrag``."""
    return f"{signal_list.id}#{category}"


def variables(formula: Formula) -> list[dict[str, Any]]:
    """The SDC variables ``ticked``, ``redFlag``, ``categories`` and ``units``, in the order they are evaluated.

    ``ticked`` holds the linkIds of the items answered true, collected once; the others intersect it.
    """
    bonus = [f"iif(%categories >= {n}, {units}, 0)" for n, units in formula.steps if units]
    weights = [f"{_among(ids)}.count() * {units}" for units, ids in formula.by_weight()]
    expressions = {
        "ticked": "%resource.repeat(item).where(answer.value = true).linkId",
        "redFlag": f"{_among(formula.red_flags)}.exists()" if formula.red_flags else "false",
        "categories": " + ".join(f"iif({_among(ids)}.exists(), 1, 0)" for _c, ids in formula.categories) or "0",
        "units": " + ".join([*weights, *bonus]) or "0",
    }
    return [{"url": VARIABLE, "valueExpression": {"name": name, "language": FHIRPATH, "expression": expression}}
            for name, expression in expressions.items()]


def score_expression(formula: Formula) -> str:
    return f"%units / {formula.scale}"


def level_expression(formula: Formula) -> str:
    return (f"iif(%redFlag or %units >= {formula.high}, 'high', "
            f"iif(%units >= {formula.moderate}, 'moderate', 'low'))")


def _among(ids: Iterable[str]) -> str:
    """The ticked items among ``ids`` (ids hold no quotes: their pattern forbids them)."""
    names = " | ".join(f"'{i}'" for i in ids)
    return f"%ticked.intersect({names})"


def _computer_name(list_id: str) -> str:
    """``deurne/jongeren`` -> ``DeurneJongeren`` (FHIR's name: a capital, then letters, digits and _)."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", list_id) if part) or "Lijst"


def _control(code: str) -> dict[str, Any]:
    return {"url": ITEM_CONTROL, "valueCodeableConcept": {"coding": [{"system": ITEM_CONTROL_SYSTEM, "code": code}]}}


def _help(link_id: str, text: str) -> dict[str, Any]:
    return {"linkId": link_id + HELP, "type": "display", "text": text, "extension": [_control("help")]}


def _group(signal_list: SignalList, category: str, name: str, description: str) -> dict[str, Any]:
    link_id = group_id(signal_list, category)
    children = [_help(link_id, description)] if description else []
    children += [_signal(s) for s in signal_list.signals if s.category == category]
    if not children:  # FHIR's que-1: a group holds items
        children = [{"linkId": link_id + "#leeg", "type": "display", "text": _("Geen signalen in deze categorie.")}]
    return {"linkId": link_id, "type": "group", "text": name, "item": children}


def _signal(signal: Signal) -> dict[str, Any]:
    extras = signal_extras(signal)
    extensions: list[dict[str, Any]] = [{"url": EXTENSIONS + "signal-weight", "valueDecimal": extras["weight"]},
                                        {"url": EXTENSIONS + "signal-red-flag", "valueBoolean": extras["red_flag"]}]
    extensions += [{"url": EXTENSIONS + "signal-theme", "valueString": theme} for theme in extras["themes"]]
    extensions.append({"url": EXTENSIONS + "source", "extension": [
        {"url": key, "valueString": value} for key, value in extras["source"].items() if value]})
    item: dict[str, Any] = {"extension": extensions, "linkId": signal.id, "type": "boolean", "text": signal.text}
    children = [_help(signal.id, signal.explanation)] if signal.explanation else []
    if signal.question:  # a prompt for the conversation, once the signal is ticked
        children.append({"linkId": signal.id + QUESTION, "type": "display", "text": signal.question,
                         "enableWhen": [{"question": signal.id, "operator": "=", "answerBoolean": True}]})
    if children:
        item["item"] = children
    return item


def _calculated(expression: str) -> list[dict[str, Any]]:
    return [{"url": CALCULATED, "valueExpression": {"language": FHIRPATH, "expression": expression}}]


def _results(signal_list: SignalList, formula: Formula) -> list[dict[str, Any]]:
    return [
        {"extension": _calculated(score_expression(formula)), "linkId": SCORE, "type": "decimal",
         "text": _("Score (berekend)"), "readOnly": True},
        {"extension": _calculated(level_expression(formula)), "linkId": LEVEL, "type": "string",
         "text": _("Berekend zorgniveau (advies): low = laag, moderate = matig, high = hoog; {thresholds}").format(
             thresholds=thresholds_text(signal_list.scoring.thresholds, signal_list.scoring.basis,
                                        pack_of(signal_list.id))), "readOnly": True},
        {"linkId": REMINDER, "type": "display", "text": signal_list.reminder or DEFAULT_REMINDER},
    ]
