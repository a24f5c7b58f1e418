"""An XLSForm made by :func:`~ondermijning.interop.xlsform.workbook`, read back into its list.

Texts come from the survey rows, each signal's data from our columns, the rest from the
``ondermijning`` sheet. The ``calculate`` rows must be exactly those the export writes for
what was read; a form whose calculations were changed by hand is refused.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ..i18n import _
from .formula import ExportError
from .imported import NOT_OURS, Imported, ImportFormError
from .optional import openpyxl
from .record import RecordError, read_list, read_pack, read_themes
from .xlsform import CHOICES, COLUMNS, FORMAT, FORMAT_VERSION, INTRO, META_SHEET, sheets


def read_xlsform(data: bytes, file: str) -> Imported:
    """The pack, list and themes in an .xlsx workbook; ``file`` names it in errors."""
    book = _open(data, file)
    names = book.sheetnames
    for sheet in ("survey", "settings", META_SHEET):
        if sheet not in names:
            raise ImportFormError(file, _("blad {sheet}").format(sheet=sheet), _("dit blad ontbreekt"), NOT_OURS)
    meta = {row[0]: row[1] for row in _rows(book[META_SHEET]) if row and row[0] is not None and len(row) > 1}
    where_meta = _("blad {sheet}").format(sheet=META_SHEET)
    if meta.get("format") != FORMAT or meta.get("format_version") != FORMAT_VERSION:
        raise ImportFormError(file, where_meta, _("format {format!r} versie {version!r}; verwacht {expected!r} "
                                                  "versie {expected_version}").format(
            format=meta.get("format"), version=meta.get("format_version"), expected=FORMAT,
            expected_version=FORMAT_VERSION), NOT_OURS)
    for key in ("pack", "list", "themes"):
        if not isinstance(meta.get(key), str):
            raise ImportFormError(file, where_meta, _("de sleutel {key} ontbreekt").format(key=key), NOT_OURS)
    pack = _record(file, where_meta, lambda: read_pack(meta["pack"]))
    themes = _record(file, where_meta, lambda: read_themes(meta["themes"]))
    settings = _rows(book["settings"])
    title = dict(zip(settings[0], settings[1], strict=False)).get("form_title") if len(settings) > 1 else None
    if not isinstance(title, str):
        raise ImportFormError(file, _("blad settings"), _("form_title ontbreekt"), NOT_OURS)
    survey = _Survey(file, _rows(book["survey"]))
    visible = {"name": title, **survey.read()}
    signal_list = _record(file, where_meta, lambda: read_list(meta["list"], visible))
    imported = Imported(pack, signal_list, tuple(themes))
    try:
        expected = sheets(signal_list, pack, themes=imported.themes)["survey"]
    except ExportError as exc:
        raise ImportFormError(file, "", str(exc)) from None
    if survey.calculations != _calculations(expected):
        raise ImportFormError(file, _("blad survey"), _(
            "de calculate-rijen passen niet bij de gewichten, drempels en combinatiestappen in het formulier; zijn "
            "ze met de hand gewijzigd?"), _("verander gewichten en drempels in het pack en exporteer opnieuw"))
    return imported


def _open(data: bytes, file: str) -> Any:
    try:
        return openpyxl().load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise ImportFormError(file, "", _("geen leesbaar .xlsx-bestand ({error})").format(error=exc), NOT_OURS,
                              unreadable=True) from None


def _rows(sheet: Any) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def _record(file: str, where: str, read: Any) -> Any:
    try:
        return read()
    except RecordError as exc:
        raise ImportFormError(file, where, str(exc), NOT_OURS) from None


def _calculations(rows: list[list[Any]]) -> list[tuple[Any, Any]]:
    column = {name: i for i, name in enumerate(COLUMNS)}
    return [(row[column["name"]], row[column["calculation"]]) for row in rows[1:]
            if row[column["type"]] == "calculate"]


class _Survey:
    """The survey sheet: groups become categories, ``select_one ja_nee`` rows with an id become signals."""

    def __init__(self, file: str, rows: list[tuple[Any, ...]]) -> None:
        self.file = file
        if not rows:
            self.fail(1, _("het blad is leeg"))
        header = [str(h).strip() if h is not None else "" for h in rows[0]]
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            self.fail(1, _("kolom(men) {columns} ontbreken").format(columns=", ".join(missing)), NOT_OURS)
        self.column = {name: header.index(name) for name in COLUMNS}
        self.rows = rows[1:]
        self.calculations: list[tuple[Any, Any]] = []

    def fail(self, row: int, what: str, hint: str = "") -> Any:
        raise ImportFormError(self.file, _("blad survey, rij {row}").format(row=row), what, hint)

    def cell(self, row: tuple[Any, ...], name: str) -> Any:
        index = self.column[name]
        return row[index] if index < len(row) else None

    def text(self, row: tuple[Any, ...], name: str) -> str:
        value = self.cell(row, name)
        return "" if value is None else str(value)

    def read(self) -> dict[str, Any]:
        description, categories, signals = "", [], []
        category: str | None = None
        for number, row in enumerate(self.rows, start=2):
            kind = self.text(row, "type").strip()
            if kind == "begin_group":
                category = self.text(row, "ondermijning_id")
                if not category:
                    self.fail(number, _("groep zonder ondermijning_id"), NOT_OURS)
                categories.append({"id": category, "name": self.text(row, "label::nl"),
                                   "description": self.text(row, "hint::nl")})
            elif kind == "end_group":
                category = None
            elif kind == f"select_one {CHOICES}":
                if category is None:
                    self.fail(number, _("signaal buiten een groep (categorie)"), NOT_OURS)
                signals.append(self.signal(number, row, str(category)))
            elif kind == "calculate":
                self.calculations.append((self.cell(row, "name"), self.cell(row, "calculation")))
            elif kind == "note" and self.text(row, "name") == INTRO and category is None:
                description = self.text(row, "label::nl")
        return {"description": description, "categories": categories, "signals": signals}

    def signal(self, number: int, row: tuple[Any, ...], category: str) -> dict[str, Any]:
        weight, red = self.cell(row, "weight"), self.cell(row, "red_flag")
        if isinstance(weight, bool) or not isinstance(weight, (int, float)):
            self.fail(number, _("kolom weight: {value!r} is geen getal").format(value=weight))
        if not isinstance(red, bool):
            self.fail(number, _("kolom red_flag: {value!r} is niet WAAR of ONWAAR").format(value=red))
        signal_id = self.text(row, "ondermijning_id")
        if not signal_id:
            self.fail(number, _("signaal zonder ondermijning_id"), NOT_OURS)
        source = {key: self.text(row, f"source_{key}") for key in ("publication", "section", "note")}
        return {"id": signal_id, "category": category, "text": self.text(row, "label::nl"), "weight": weight,
                "red_flag": red, "themes": self.text(row, "themes").split(),
                "source": {k: v for k, v in source.items() if v},
                "explanation": self.text(row, "hint::nl"), "question": self.text(row, "guidance_hint::nl")}
