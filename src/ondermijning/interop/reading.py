"""Reading a form back: which kind it is, and the one error every problem with it raises."""

from __future__ import annotations

import json
from pathlib import Path

import attrs

from ..errors import OndermijningError
from ..i18n import _
from ..models import Pack, SignalList, Theme

#: larger than any list needs (the Deurne list exports to about 100 kB); a bigger file is refused unread
MAX_FORM_BYTES = 20 * 1024 * 1024


class ImportFormError(OndermijningError):
    """A form that cannot be read back: ``where`` in the file, ``what`` is wrong, and a hint."""

    def __init__(self, file: str, where: str, what: str, hint: str = "", *, unreadable: bool = False) -> None:
        self.file, self.where, self.what, self.hint = file, where, what, hint
        #: the file itself is not a form (not JSON, not .xlsx, too large): a usage error, not a content error
        self.unreadable = unreadable
        place = f"{file}: {where}: " if where else f"{file}: "
        super().__init__(place + what + (f" — {hint}" if hint else ""))


NOT_OURS = _("maak het formulier met 'ondermijning export' (alleen die formulieren kunnen terug naar een pack)")


@attrs.frozen
class Imported:
    """What a form holds: the pack record, its list and the pack's own themes the list names."""

    pack: Pack
    signal_list: SignalList
    themes: tuple[Theme, ...] = ()


def read_form(path: str | Path) -> Imported:
    """A Questionnaire (JSON) or an XLSForm (.xlsx) made by ``ondermijning export``, read back.

    Raises :class:`ImportFormError` saying where and what.
    """
    name = str(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_FORM_BYTES:
            raise ImportFormError(name, "", _("het bestand is groter dan {most} MB").format(
                most=MAX_FORM_BYTES // 2**20), _("een geëxporteerde lijst is veel kleiner"), unreadable=True)
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ImportFormError(name, "", exc.strerror or str(exc), unreadable=True) from None
    if data[:4] == b"PK\x03\x04":  # a zip archive: an .xlsx workbook
        from .xlsform_import import read_xlsform

        return read_xlsform(data, name)
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        detail = f" ({exc.msg}, regel {exc.lineno}, kolom {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise ImportFormError(name, "", _("geen FHIR-Questionnaire (JSON) en geen XLSForm (.xlsx){detail}").format(
            detail=detail), NOT_OURS, unreadable=True) from None
    from .fhir_import import read_questionnaire

    return read_questionnaire(document, name)
