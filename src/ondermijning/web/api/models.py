"""The API's own request and response models; everything else on the wire is a library model."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ...models import Pack
from ...models.common import as_tuple
from ...models.picture import Judgement


@attrs.frozen(kw_only=True)
class AssessmentRequest:
    """What a professional observed: signal ids as facts or as interpretations, protective factors present.

    Ids are qualified (``deurne/gedrag-agressief``) or local to the list's pack. ``municipality``
    (a pack id) says whose local routes the picture names first. ``judgement`` is the level
    professionals agreed on together; the picture keeps it beside the computed level.
    """

    signal_list: str
    signals: tuple[str, ...] = attrs.field(factory=tuple, converter=as_tuple)
    interpretations: tuple[str, ...] = attrs.field(factory=tuple, converter=as_tuple)
    protective: tuple[str, ...] = attrs.field(factory=tuple, converter=as_tuple)
    municipality: str = ""
    subject: str = ""  # an optional pseudonym, never a name
    judgement: Judgement | None = None


@attrs.frozen(kw_only=True)
class PackStatus:
    """An installed pack: its table, who provides it, how many items of each family, its validation status."""

    pack: Pack
    provider: str
    counts: Mapping[str, int]
    valid: bool
    errors: int
    warnings: int
