"""Reading a form back: which kind it is (a Questionnaire or an XLSForm), and its size checked first."""

from __future__ import annotations

import json
from pathlib import Path

from ..i18n import _
from .imported import NOT_OURS, Imported, ImportFormError

#: larger than any list needs (the Deurne list exports to about 100 kB); a bigger file is refused unread
MAX_FORM_BYTES = 20 * 1024 * 1024


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
