"""Timeline items to database rows and back: JSON through the library's one converter.

A picture is stored as :func:`ondermijning.to_json` writes it (pins included) and read back
with :func:`ondermijning.from_json`, so the register holds the same document the library, the
API and the exports give.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from ..converter import converter
from ..models.picture import InformationPicture
from ..serialize import from_json, to_json
from .model import (
    KIND_OF,
    Assessment,
    Case,
    CaseStatus,
    EntryKind,
    Item,
    Role,
    TimelineEntry,
)

_CLASS_OF: dict[EntryKind, type] = {kind: cls for cls, kind in KIND_OF.items()}


def timestamp(moment: datetime.datetime) -> str:
    """A moment as stored: ISO 8601 in UTC with microseconds (sorts as it reads)."""
    return moment.astimezone(datetime.timezone.utc).isoformat(timespec="microseconds")


def moment(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


def item_row(item: Item) -> tuple[str, str, str | None]:
    """``(kind, data JSON, picture JSON or None)`` of a timeline item."""
    if isinstance(item, Assessment):
        data: dict[str, Any] = {"reassessment_of": item.reassessment_of}
        return EntryKind.ASSESSMENT.value, _dumps(data), to_json(item.picture, indent=None)
    return KIND_OF[type(item)].value, _dumps(converter.unstructure(item)), None


def item_from_row(kind: str, data: str, picture: str | None) -> Item:
    entry_kind = EntryKind(kind)
    fields = json.loads(data)
    if entry_kind is EntryKind.ASSESSMENT:
        return Assessment(picture=from_json(picture or "", InformationPicture),
                          reassessment_of=fields.get("reassessment_of"))
    cls = _CLASS_OF[entry_kind]
    item: Item = converter.structure(fields, cls)
    return item


def entry_from_row(row: Any) -> TimelineEntry:
    return TimelineEntry(seq=row.seq, at=moment(row.at), actor=row.actor, role=Role(row.role),
                         item=item_from_row(row.kind, row.data, row.picture))


def case_from_row(row: Any) -> Case:
    return Case(id=row.id, pseudonym=row.pseudonym, municipality=row.municipality, opened_by=row.opened_by,
                opened_at=moment(row.opened_at), updated_at=moment(row.updated_at),
                status=CaseStatus(row.status), version=row.version)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def detail(**fields: Any) -> str:
    """A log line's detail as canonical JSON (never personal data)."""
    return _dumps(fields)


def with_fields(detail_json: str, **fields: Any) -> str:
    """A log line's detail with ``fields`` added."""
    return _dumps({**json.loads(detail_json or "{}"), **fields})
