"""How a municipality processes cases in the register: purpose, legal basis and retention (AVG).

A pack holds at most one ``[[processing]]`` item (rule V009); it applies to the cases of that
pack's municipality (the pack id). The register records the purpose and the legal basis in
every processing-log entry and removes a case ``retention_days`` after its last change.
When a municipality's pack sets none, the register falls back to a conservative default that
says the municipality must set its own (:mod:`ondermijning.register.retention`).
"""

from typing import Any

import attrs

from ..i18n import _
from ..model_base import Model
from .common import InvalidFieldError, Source, id_field, prose, prose_list, ref_field

#: the longest retention a pack may set (ten years); anything longer is a typo or no choice at all
MAX_RETENTION_DAYS = 3650


def _check_days(_inst: object, attribute: "attrs.Attribute[Any]", value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_RETENTION_DAYS:
        raise InvalidFieldError(attribute.name, _("{value!r} is geen aantal dagen van 1 tot en met {most}").format(
            value=value, most=MAX_RETENTION_DAYS))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ProcessingPolicy(Model):
    """The register's processing record for one municipality (the ``[[processing]]`` table).

    ``purpose`` and ``legal_basis`` go into every log entry; a case is removed
    ``retention_days`` after its last change (its last timeline entry, closing included).
    ``controller`` names a role (the verwerkingsverantwoordelijke), never a person;
    ``to_fill_in`` marks values the municipality still has to confirm.
    """

    id: str = id_field()
    purpose: str = prose()
    legal_basis: str = prose()
    retention_days: int = attrs.field(validator=_check_days)
    source: Source
    controller: str = prose("")
    frameworks: tuple[str, ...] = ref_field("frameworks", many=True)
    to_fill_in: bool = False
    notes: tuple[str, ...] = prose_list()
