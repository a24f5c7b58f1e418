"""A signal list as an XLSForm, for ODK Collect, Enketo and KoboToolbox.

Sheets: ``survey`` (a group per category, a ``select_one ja_nee`` question per signal with the
explanation as ``hint::nl`` and the enrichment question as ``guidance_hint::nl``, then
``calculate`` rows for score and level and a note that shows them), ``choices`` (ja/nee),
``settings`` (title, id, the pack's version, ``nl`` as default language) and ``ondermijning``
(what reading the form back needs: the pack record and the rest of the list, as JSON). Extra
columns on ``survey`` (``ondermijning_id``, ``weight``, ``red_flag``, ``themes``, ``source_*``)
carry each signal's data; XLSForm tools leave unknown columns and sheets alone.

The calculations count in the list's whole units (:mod:`.formula`) with XPath 1.0 operators
and ODK's ``if()`` (XForms 1.0 §7.6.1; JavaRosa has no XPath ``substring``). Every stored value
is a number or a word, never a boolean: a form engine stores ``false`` as the text "false",
which XPath reads back as true.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from ..assessment import DEFAULT_REMINDER
from ..i18n import _
from ..models import Pack, SignalList, Theme, pack_of
from ..render.picture import thresholds_text
from ..scoring import ScoringRule
from .formula import Formula, formula_for
from .record import list_extras, pack_record, signal_extras, themes_record

#: the survey sheet's columns, in order; the last ones are ours (XLSForm tools ignore unknown columns)
COLUMNS = ("type", "name", "label::nl", "hint::nl", "guidance_hint::nl", "calculation",
           "ondermijning_id", "weight", "red_flag", "themes", "source_publication", "source_section", "source_note")
CHOICES = "ja_nee"
YES = "ja"
#: the metadata sheet and its keys
META_SHEET = "ondermijning"
FORMAT = "ondermijning-xlsform"
FORMAT_VERSION = 1
#: names of the rows that compute; a signal or category with one of these names gets a "_" before it
CALCULATED = ("red_flags", "categories", "units", "score", "level", "niveau")
INTRO, RESULT = "intro", "uitkomst"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def sheets(signal_list: SignalList, pack: Pack, *, rules: Sequence[ScoringRule] = (),
           themes: Sequence[Theme] = ()) -> dict[str, list[list[Any]]]:
    """The workbook as rows per sheet (the first row of each is its header).

    ``rules`` and ``themes`` as for :func:`~ondermijning.interop.fhir.questionnaire`.
    """
    formula = formula_for(signal_list, rules)
    names = _Names()
    survey: list[list[Any]] = [list(COLUMNS)]
    if signal_list.description:
        survey.append(_row(type="note", name=names.of(INTRO), label=signal_list.description))
    field_of: dict[str, str] = {}
    for category in signal_list.categories:
        survey.append(_row(type="begin_group", name=names.of(category.id), label=category.name,
                           hint=category.description, ondermijning_id=category.id))
        signals = [s for s in signal_list.signals if s.category == category.id]
        if not signals:  # an XForm group needs a child
            survey.append(_row(type="note", name=names.of(f"{category.id}-leeg"),
                               label=_("Geen signalen in deze categorie.")))
        for signal in signals:
            local = signal.id.partition("/")[2]
            own = pack_of(signal.id) == pack_of(signal_list.id)
            field_of[signal.id] = name = names.of(local if own else f"{pack_of(signal.id)}.{local}")
            extras = signal_extras(signal)
            survey.append(_row(type=f"select_one {CHOICES}", name=name, label=signal.text, hint=signal.explanation,
                               guidance=signal.question, ondermijning_id=signal.id, weight=extras["weight"],
                               red_flag=extras["red_flag"], themes=" ".join(extras["themes"]),
                               source=extras["source"]))
        survey.append(_row(type="end_group"))
    for name, calculation in calculations(formula, field_of).items():
        survey.append(_row(type="calculate", name=name, calculation=calculation))
    reminder = signal_list.reminder or DEFAULT_REMINDER
    yardstick = thresholds_text(signal_list.scoring.thresholds, signal_list.scoring.basis, pack_of(signal_list.id))
    survey.append(_row(type="note", name=RESULT, label=_(
        "Berekend zorgniveau: ${{niveau}} (score ${{score}}; {thresholds}). {reminder}").format(
            thresholds=yardstick, reminder=reminder)))
    return {
        "survey": survey,
        "choices": [["list_name", "name", "label::nl"], [CHOICES, YES, "Ja"], [CHOICES, "nee", "Nee"]],
        "settings": [["form_title", "form_id", "version", "default_language"],
                     [signal_list.name, form_id(signal_list.id), pack.version, "nl"]],
        META_SHEET: [["key", "value"], ["format", FORMAT], ["format_version", FORMAT_VERSION],
                     ["list_id", signal_list.id], ["pack", pack_record(pack)], ["list", list_extras(signal_list)],
                     ["themes", themes_record(themes)]],
    }


def calculations(formula: Formula, field_of: dict[str, str]) -> dict[str, str]:
    """The ``calculate`` rows, in order: each may use those before it."""
    def ticked(ids: Iterable[str]) -> list[str]:
        return [f"${{{field_of[i]}}} = '{YES}'" for i in ids]

    # number(): a lone comparison is a boolean, which a form stores as the text "true" or "false"
    weights = [f"({' + '.join(f'number({t})' for t in ticked(ids))}) * {units}" for units, ids in formula.by_weight()]
    bonus = [f"number(${{categories}} >= {n}) * {units}" for n, units in formula.steps if units]
    return {
        "red_flags": " + ".join(f"number({t})" for t in ticked(formula.red_flags)) or "0",
        "categories": " + ".join(f"number({' or '.join(ticked(ids))})" for _c, ids in formula.categories) or "0",
        "units": " + ".join([*weights, *bonus]) or "0",
        "score": f"${{units}} div {formula.scale}",
        "level": (f"if(${{red_flags}} > 0 or ${{units}} >= {formula.high}, 'high', "
                  f"if(${{units}} >= {formula.moderate}, 'moderate', 'low'))"),
        "niveau": "if(${level} = 'high', 'hoog', if(${level} = 'moderate', 'matig', 'laag'))",
    }


def form_id(list_id: str) -> str:
    """``deurne/jongeren`` -> ``deurne_jongeren`` (an XML name)."""
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", list_id)
    return name if _NAME.match(name) else f"_{name}"


def workbook(signal_list: SignalList, pack: Pack, *, rules: Sequence[ScoringRule] = (),
             themes: Sequence[Theme] = ()) -> bytes:
    """The XLSForm as ``.xlsx`` bytes (needs openpyxl: ``pip install 'ondermijning[interop]'``)."""
    from .optional import openpyxl

    book = openpyxl().Workbook()
    first = True
    for title, rows in sheets(signal_list, pack, rules=rules, themes=themes).items():
        sheet = book.active if first else book.create_sheet()
        first = False
        sheet.title = title
        for row in rows:
            sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


class _Names:
    """XML names, unique in the form: ids that start with a digit or clash get a "_" before them."""

    def __init__(self) -> None:
        self.used = set(CALCULATED) | {RESULT, "meta"}

    def of(self, wanted: str) -> str:
        name = wanted if _NAME.match(wanted) else f"_{wanted}"
        while name in self.used:
            name = f"_{name}"
        self.used.add(name)
        return name


def _row(*, type: str, name: str = "", label: str = "", hint: str = "", guidance: str = "", calculation: str = "",
         ondermijning_id: str = "", weight: float | None = None, red_flag: bool | None = None, themes: str = "",
         source: dict[str, str] | None = None) -> list[Any]:
    source = source or {}
    cells = [type, name, label, hint, guidance, calculation, ondermijning_id, weight, red_flag, themes,
             source.get("publication", ""), source.get("section", ""), source.get("note", "")]
    return [None if cell == "" else cell for cell in cells]
