"""Citations that can be checked: every ``source`` against the bibliography (V010, V011).

A ``source.publication`` names a publication of the bibliography (the ``publications`` family)
by its title; its ``section`` names one of that publication's sections, as declared. A section
is cited by its title or an alias, a subsection as ``"title, part"``, and a trailing detail in
parentheses is free (``"§3.5 Vroegsignalering (categorie wereldbeeld)"``); several sections are
separated by ``"; "``. Comparison ignores case and the difference between ’ and '.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from typing import Any

from .catalog import Catalog, Rule
from .errors import Problem, Severity
from .i18n import _
from .models import FAMILIES, Publication, Source
from .validate import did_you_mean, walk_fields

_DETAIL = re.compile(r"\s*\([^()]*\)$")


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").split()).casefold()


def cited_sections(section: str) -> list[str]:
    """The sections a ``source.section`` names (split at ``;`` outside parentheses), without their detail."""
    if ";" not in section:  # most cite one section: no walk over its letters
        return [_DETAIL.sub("", section).strip()] if section.strip() else []
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in section:
        depth += (char == "(") - (char == ")")
        if char == ";" and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [_DETAIL.sub("", part).strip() for part in parts if part.strip()]


def declared_sections(publication: Publication) -> dict[str, str]:
    """Every accepted citation of a publication's sections (normalised) -> its form as declared."""
    forms: dict[str, str] = {}
    for section in publication.sections:
        for name in (section.title, *section.aliases):
            forms[_normal(name)] = section.title
            for part in section.parts:
                for cited in {part, _DETAIL.sub("", part)}:  # "Persoonsgerichte aanpak (PGA)" is cited without it
                    forms[_normal(f"{name}, {cited}")] = f"{section.title}, {part}"
    return forms


def _is_source(field: Any) -> bool:
    """A field that may hold a source (``Source`` or ``Source | None``), for walk_fields' ``only``."""
    return field.type is Source or Source in typing.get_args(field.type)


def _sources(catalog: Catalog) -> Iterator[tuple[str, str, Source]]:
    seen: set[tuple[str, str]] = set()  # a signal of an extension is also in the merged list
    for family in FAMILIES:
        for item_id, item in catalog.family(family).items():
            for owner, key, _field, value in walk_fields(item, item_id, only=_is_source):
                if isinstance(value, Source) and (owner, key) not in seen:
                    seen.add((owner, key))
                    yield owner, key, value


def _by_title(catalog: Catalog) -> dict[str, Publication]:
    return {_normal(p.title): p for p in catalog.publications.values()}


def check_sections(catalog: Catalog) -> Iterator[Problem]:
    publications = _by_title(catalog)
    declared: dict[str, dict[str, str]] = {}  # per publication id, computed once
    for owner, key, source in _sources(catalog):
        publication = publications.get(_normal(source.publication))
        if publication is None:
            continue  # V011
        if publication.id not in declared:
            declared[publication.id] = declared_sections(publication)
        forms = declared[publication.id]
        for part in cited_sections(source.section):
            if _normal(part) in forms:
                continue
            head = next((section for section in publication.sections
                         for name in (section.title, *section.aliases)
                         if _normal(part).startswith(_normal(name) + ", ")), None)
            close = did_you_mean(_normal(part), forms)
            if head is not None:
                parts = head.parts
                hint = (_("de onderdelen van {section!r} zijn: {parts}").format(section=head.title,
                                                                                   parts="; ".join(parts))
                        if parts else _("{section!r} heeft geen onderdelen; citeer de sectie zelf").format(
                            section=head.title))
            elif close is not None:
                hint = _("bedoel je {section!r}?").format(section=forms[close])
            elif forms:
                hint = _("de bibliografie kent van deze publicatie: {sections}").format(
                    sections="; ".join(s.title for s in publication.sections))
            else:
                hint = _("deze bron heeft geen secties: laat section leeg en zeg meer in note")
            yield catalog.problem_at(
                owner, "V010", _("{owner!r} citeert sectie {section!r}, die {publication!r} niet heeft").format(
                    owner=owner, section=part, publication=publication.title),
                field=f"{key}.section", hint=hint)


def check_publications(catalog: Catalog) -> Iterator[Problem]:
    publications = _by_title(catalog)
    titles = [p.title for p in catalog.publications.values()]
    for owner, key, source in _sources(catalog):
        if _normal(source.publication) in publications:
            continue
        close = did_you_mean(source.publication, titles)
        hint = (_("bedoel je {title!r}?").format(title=close) if close is not None
                else _("neem de publicatie met haar secties op in [[publications]] van je pack"))
        yield catalog.problem_at(
            owner, "V011", _("{owner!r} citeert {publication!r}, die niet in de bibliografie staat").format(
                owner=owner, publication=source.publication),
            field=f"{key}.publication", severity=Severity.WARNING, hint=hint)


CITATION_RULES: tuple[Rule, ...] = (
    Rule("V010", "a citation names a section its publication declares", check_sections,
         why="a reviewer must be able to find the fact where the item says it is"),
    Rule("V011", "a citation names a publication of the bibliography", check_publications,
         severity=Severity.WARNING),
)
