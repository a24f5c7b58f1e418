"""The bibliography: publications and the sections they declare, so every citation can be checked.

A content item's ``source`` names a publication by its title and a section of it; rule V010
(``citations.py``) reports a section the publication does not declare, V011 a publication the
bibliography does not hold. The core pack holds the two Divosa publications and the two
entries for what no publication says (general knowledge, and this project's own design);
packs add their own publications (a municipality's routekaart, a council decision).
"""

import enum

import attrs

from ..model_base import Model
from .common import id_field, items, texts
from .conversion import as_enum


class PublicationKind(enum.Enum):
    """A publication one can read, or an honest label for what none says."""

    PUBLICATION = "publication"  # a text a reviewer can open and check
    GENERAL_KNOWLEDGE = "general-knowledge"  # known facts (national numbers) no source names
    OWN = "own"  # the design of this project or pack (weights, composed cases, options)


def _kind(value: PublicationKind | str) -> PublicationKind:
    return as_enum(PublicationKind, value)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Section(Model):
    """A section as it is cited (``"§3.5 Vroegsignalering"``, ``"Ervaringsverhaal Tristan"``).

    ``heading`` is the heading as printed in the publication, when the cited form is shorter;
    ``parts`` are its subsections, cited as ``"§4.1 Plenaire startbijeenkomst, Beschermd wonen"``;
    ``aliases`` are other accepted forms (``"§3.5"``).
    """

    title: str
    heading: str = ""
    parts: tuple[str, ...] = texts()
    aliases: tuple[str, ...] = texts()


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Publication(Model):
    """One entry of the bibliography: what a ``source.publication`` names, and its sections.

    ``title`` is the exact text of ``source.publication`` (``"Divosa, De naïviteit voorbij
    (2022)"``). A publication without sections accepts citations without a section only.
    """

    id: str = id_field()
    title: str
    kind: PublicationKind = attrs.field(default=PublicationKind.PUBLICATION, converter=_kind)
    sections: tuple[Section, ...] = items()
    note: str = ""
