"""How long a case is kept, for what purpose, on which basis: from the municipality's pack.

A municipality's pack sets these in its ``[[processing]]`` item
(:class:`~ondermijning.models.ProcessingPolicy`). When it sets none, the register uses
:data:`DEFAULT_POLICY`: a short retention (half a year) and a purpose and legal basis that say
the municipality has not set them, so nothing is kept longer than a municipality chose, and the
gap shows in every log line and in ``register show``.

A case expires ``retention_days`` after its last change (the last timeline entry, closing
included): while people work on a case it stays, and a case left alone goes.
"""

from __future__ import annotations

import datetime

from ..catalog import Catalog
from ..models import ProcessingPolicy, Source, pack_of
from .model import Case, Retention

#: the library's default, used until a municipality's pack sets its own
DEFAULT_POLICY = ProcessingPolicy(
    id="ondermijning/default",
    purpose="Niet vastgesteld: de gemeente moet het doel van de verwerking vastleggen in haar pack ([[processing]]).",
    legal_basis="Niet vastgesteld: de gemeente moet de grondslag vastleggen in haar pack ([[processing]]).",
    retention_days=183,
    source=Source("ondermijning", "standaardwaarde van de bibliotheek"),
    to_fill_in=True,
)


def policy_for(catalog: Catalog, municipality: str) -> tuple[ProcessingPolicy, bool]:
    """The municipality's policy and True, or the library's default and False."""
    for policy in catalog.processing.values():
        if pack_of(policy.id) == municipality:
            return policy, True
    return DEFAULT_POLICY, False


def retention_of(catalog: Catalog, case: Case) -> Retention:
    """When ``case`` expires under its municipality's policy, and which policy that is."""
    policy, from_pack = policy_for(catalog, case.municipality)
    return Retention(days=policy.retention_days, expires=expires(case, policy),
                     purpose=policy.purpose, legal_basis=policy.legal_basis, from_pack=from_pack,
                     to_fill_in=policy.to_fill_in)


def expires(case: Case, policy: ProcessingPolicy) -> datetime.date:
    """The first day on which the case is past its retention."""
    return case.updated_at.date() + datetime.timedelta(days=policy.retention_days)


def is_expired(case: Case, policy: ProcessingPolicy, today: datetime.date) -> bool:
    return today >= expires(case, policy)


__all__ = ["DEFAULT_POLICY", "expires", "is_expired", "policy_for", "retention_of"]
