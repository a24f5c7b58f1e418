"""Validation rules of the processing family (``[[processing]]``, the register's AVG record).

R001: a pack holds at most one processing policy, since the register has to know which purpose,
legal basis and retention apply to a municipality's cases. A policy marked ``to_fill_in`` is
shown as such by the register itself (``register show``), as routes marked so are.
"""

from __future__ import annotations

from collections.abc import Iterator

from .catalog import Catalog, Rule
from .errors import Problem
from .i18n import _
from .models import pack_of


def check_one_policy_per_pack(catalog: Catalog) -> Iterator[Problem]:
    first: dict[str, str] = {}
    for policy_id in catalog.processing:
        pack = pack_of(policy_id)
        if pack in first:
            yield catalog.problem_at(policy_id, "R001", _("pack {pack!r} heeft een tweede verwerkingsbeleid "
                                                          "{policy!r} (het eerste is {first!r})").format(
                                         pack=pack, policy=policy_id, first=first[pack]),
                                     hint=_("houd één [[processing]]-item per pack"))
        else:
            first[pack] = policy_id


PROCESSING_RULES: tuple[Rule, ...] = (
    Rule("R001", "a pack holds at most one processing policy", check_one_policy_per_pack,
         why="the register needs one purpose, legal basis and retention per municipality"),
)
