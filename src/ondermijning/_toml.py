"""TOML reading: tomllib on 3.11+, tomli before."""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

from .i18n import N_

TOMLDecodeError = tomllib.TOMLDecodeError
loads = tomllib.loads

__all__ = ["TOMLDecodeError", "loads"]


def reason(message: str) -> str:
    """tomllib's English reason for a syntax error (position left out) in the chosen language.

    tomllib (and tomli) word their errors in English; each known one is a Dutch message of ours,
    so the catalog translates it like any other. An unknown wording (a newer Python) stays as it is.
    """
    import re

    from .i18n import _

    message = re.sub(r"\s*\(at end of document\)$", "", message.strip())
    for pattern, translated in _REASONS:
        match = re.fullmatch(pattern, message)
        if match:
            return _(translated).format(**match.groupdict())
    return message


_REASONS = (
    (r"Invalid statement", N_("ongeldige regel")),
    (r"Expected newline or end of document after a statement",
     N_("na een waarde hoort een nieuwe regel of het einde van het bestand")),
    (r"Found invalid character (?P<char>.+)", N_("ongeldig teken {char}")),
    (r"Cannot declare (?P<key>.+) twice", N_("tabel {key} staat er twee keer")),
    (r"Cannot overwrite a value", N_("een waarde kan niet nog eens worden gegeven")),
    (r"Expected '\]' at the end of a table declaration", N_("']' verwacht aan het einde van de tabelkop")),
    (r"Expected '\]\]' at the end of an array declaration", N_("']]' verwacht aan het einde van de kop")),
    (r"Cannot mutate immutable namespace (?P<key>.+)", N_("{key} is al gegeven en kan niet worden aangevuld")),
    (r"Cannot redefine namespace (?P<key>.+)", N_("{key} kan niet opnieuw worden gedefinieerd")),
    (r"Expected '=' after a key in a key/value pair", N_("'=' verwacht na een sleutel")),
    (r"Invalid initial character for a key part", N_("ongeldig eerste teken van een sleutel")),
    (r"Unclosed array", N_("lijst niet gesloten (']' ontbreekt)")),
    (r"Duplicate inline table key (?P<key>.+)", N_("sleutel {key} staat twee keer in de inline tabel")),
    (r"Unclosed inline table", N_("inline tabel niet gesloten ('}}' ontbreekt)")),
    (r"Unescaped '\\' in a string", N_("'\\' in een tekst zonder escape")),
    (r"Invalid hex value", N_("ongeldige hexadecimale waarde")),
    (r"Escaped character is not a Unicode scalar value", N_("het escapeteken is geen Unicode-teken")),
    (r"Unterminated string", N_("tekst niet afgesloten (aanhalingsteken ontbreekt)")),
    (r"Illegal character (?P<char>.+)", N_("niet toegestaan teken {char}")),
    (r"Invalid date or datetime", N_("ongeldige datum of tijd")),
    (r"Invalid value", N_("ongeldige waarde")),
    (r"Expected (?P<expected>.+)", N_("{expected} verwacht")),
)
