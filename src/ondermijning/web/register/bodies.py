"""The register API's request bodies; the library's converter reads them (unknown keys are refused).

``version`` is the case's version as the client last read it: when the case changed since, the
write is refused with 409 (A012) and nothing is written; left out, the entry goes after whatever
came first. ``purpose`` replaces the municipality's purpose in the processing log.
"""

from __future__ import annotations

import datetime

import attrs

from ...models import ConcernLevel
from ...models.common import as_tuple
from ...register.model import FeedbackStatus, Role


@attrs.frozen(kw_only=True)
class RegisterCaseRequest:
    """A new case: a pseudonym (a code such as J-2026-017, never a name) in a municipality (a pack id)."""

    pseudonym: str
    municipality: str
    purpose: str = ""


@attrs.frozen(kw_only=True)
class RegisterAssessmentRequest:
    """Observed signals of a list (facts, interpretations) and protective factors: scored, kept as a picture."""

    signal_list: str
    signals: tuple[str, ...] = attrs.field(factory=tuple, converter=as_tuple)
    interpretations: tuple[str, ...] = attrs.field(factory=tuple, converter=as_tuple)
    protective: tuple[str, ...] = attrs.field(factory=tuple, converter=as_tuple)
    version: int | None = None
    purpose: str = ""


@attrs.frozen(kw_only=True)
class RegisterJudgementRequest:
    """The level professionals agreed on together, why, and which roles (never names) were consulted."""

    level: ConcernLevel
    reason: str
    consulted: tuple[str, ...] = attrs.field(factory=tuple, converter=as_tuple)
    date: datetime.date | None = None
    version: int | None = None
    purpose: str = ""


@attrs.frozen(kw_only=True)
class RegisterActionRequest:
    """The route taken (a route id from the packs) and a short note."""

    route: str
    note: str = ""
    version: int | None = None
    purpose: str = ""


@attrs.frozen(kw_only=True)
class RegisterFeedbackRequest:
    """What the reporter hears back: a status and only what may be shared with them."""

    status: FeedbackStatus
    message: str = ""
    version: int | None = None
    purpose: str = ""


@attrs.frozen(kw_only=True)
class RegisterClosingRequest:
    """Closing the case, and why; feedback may still follow."""

    reason: str = ""
    version: int | None = None
    purpose: str = ""


@attrs.frozen(kw_only=True)
class RegisterReassessmentRequest:
    """Score the latest picture's observations again with today's packs."""

    version: int | None = None
    purpose: str = ""


@attrs.frozen(kw_only=True)
class RegisterUserRequest:
    """A new user: a person (who logs in with ``password``) or a system (which gets API tokens)."""

    name: str
    role: Role
    municipality: str = ""
    kind: str = "person"
    password: str | None = None


@attrs.frozen(kw_only=True)
class RegisterTokenRequest:
    """A new API token for a user, valid ``days`` days (1 to 3650)."""

    days: int = 365


BODIES = (RegisterCaseRequest, RegisterAssessmentRequest, RegisterJudgementRequest, RegisterActionRequest,
          RegisterFeedbackRequest, RegisterClosingRequest, RegisterReassessmentRequest, RegisterUserRequest,
          RegisterTokenRequest)
