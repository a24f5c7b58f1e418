"""The register's cases over the API, under ``/api/v1/register``: for systems with an API token.

Every handler asks :class:`~ondermijning.register.service.Register`, which checks the caller's
role, runs one transaction and writes the processing log; the answers are the documents
``register show --format json`` writes (:mod:`ondermijning.register.render`). Reads of a case or a
list need ``?purpose=``: the log records it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from litestar import get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter

from ...i18n import N_
from ...models.picture import Judgement, Observation, ObservationKind
from ...register.documents import case_summary
from ...register.model import Actor, CaseRecord
from ...register.render import case_data, entry_document, reassessment_data, status_data
from ...register.retention import retention_of
from ..api.wire import ModelDTO
from .bodies import (
    RegisterActionRequest,
    RegisterAssessmentRequest,
    RegisterCaseRequest,
    RegisterClosingRequest,
    RegisterFeedbackRequest,
    RegisterJudgementRequest,
    RegisterReassessmentRequest,
)
from .context import RegisterDep

#: the actor behind the request's API token (``auth.api_actor``), injected by name
CallerDep = NamedDependency[Actor]
Purpose = Annotated[str, QueryParameter(description=N_("waarom je dit inziet (verplicht; het verwerkingslogboek legt "
                                                       "het vast)"), min_length=1, max_length=2000)]
OptionalPurpose = Annotated[str | None, QueryParameter(description=N_(
    "waarom je dit inziet (het verwerkingslogboek legt het vast; standaard: terugkoppeling aan de melder)"),
    max_length=2000)]
Document = dict[str, Any]
TAGS = ["register"]

#: operation id -> the OpenAPI schema of its answer (``documents.register_schemas``)
RESPONSES = {
    "listRegisterCases": "RegisterCase[]", "createRegisterCase": "RegisterCaseDocument",
    "getRegisterCase": "RegisterCaseDocument", "getRegisterCaseStatus": "RegisterStatusDocument",
    "listRegisterReports": "RegisterStatusDocument[]", "addRegisterAssessment": "RegisterEntryDocument",
    "addRegisterJudgement": "RegisterEntryDocument", "addRegisterAction": "RegisterEntryDocument",
    "addRegisterFeedback": "RegisterEntryDocument", "closeRegisterCase": "RegisterEntryDocument",
    "reassessRegisterCase": "RegisterReassessmentDocument",
}


def observations(facts: Iterable[str], interpretations: Iterable[str]) -> list[str | Observation]:
    """Signal ids seen (facts) and inferred (interpretations) as the register's observations."""
    return [*facts, *(Observation(signal=s, kind=ObservationKind.INTERPRETATION) for s in interpretations)]


@get("/cases", operation_id="listRegisterCases", summary=N_("Casussen die je mag inzien"), tags=TAGS,
     sync_to_thread=True)
def list_cases(register_site: RegisterDep, caller: CallerDep, purpose: Purpose,
               municipality: Annotated[str | None, QueryParameter(
                   description=N_("alleen de casussen van deze gemeente (een pack-id)"))] = None) -> list[Document]:
    """The cases of the caller's municipality, without their timelines (coordinators; others get 403)."""
    cases = register_site.register.cases(caller, municipality=municipality or "", purpose=purpose)
    return [case_summary(case) for case in cases]


@post("/cases", dto=ModelDTO[RegisterCaseRequest], return_dto=None, status_code=201, operation_id="createRegisterCase",
      summary=N_("Een casus openen"), tags=TAGS, sync_to_thread=True)
def create_case(data: JSONBody[RegisterCaseRequest], register_site: RegisterDep, caller: CallerDep) -> Document:
    """Open a case under a pseudonym (a code, never a name) in a municipality (a pack id)."""
    register = register_site.register
    case = register.new_case(caller, pseudonym=data.pseudonym, municipality=data.municipality, purpose=data.purpose)
    return case_data(CaseRecord(case=case, timeline=(), retention=retention_of(register.catalog, case)))


@get("/cases/{case_id:str}", operation_id="getRegisterCase", summary=N_("Eén casus met zijn tijdlijn"), tags=TAGS,
     sync_to_thread=True)
def get_case(register_site: RegisterDep, caller: CallerDep, case_id: FromPath[str], purpose: Purpose) -> Document:
    """The whole case: every picture pinned to its versions, the computed level as advice beside the joint
    judgements, routes taken, feedback, closing and retention (coordinators of its municipality)."""
    return case_data(register_site.register.show(caller, case_id, purpose=purpose))


@get("/cases/{case_id:str}/status", operation_id="getRegisterCaseStatus", summary=N_("De status van een melding"),
     tags=TAGS, sync_to_thread=True)
def get_status(register_site: RegisterDep, caller: CallerDep, case_id: FromPath[str],
               purpose: OptionalPurpose = None) -> Document:
    """What the reporter may see of a case they opened: when, its status and the feedback meant for them."""
    return status_data(register_site.register.status(caller, case_id, purpose=purpose or ""))


@get("/reports", operation_id="listRegisterReports", summary=N_("De status van je eigen meldingen"), tags=TAGS,
     sync_to_thread=True)
def list_reports(register_site: RegisterDep, caller: CallerDep, purpose: OptionalPurpose = None) -> list[Document]:
    """The status of every case the caller opened (in their municipality): a reporter's overview."""
    return [status_data(view) for view in register_site.register.reports(caller, purpose=purpose or "")]


@post("/cases/{case_id:str}/assessments", dto=ModelDTO[RegisterAssessmentRequest], return_dto=None,
      status_code=201, operation_id="addRegisterAssessment", summary=N_("Een beeld toevoegen"), tags=TAGS,
      sync_to_thread=True)
def add_assessment(data: JSONBody[RegisterAssessmentRequest], register_site: RegisterDep, caller: CallerDep,
                   case_id: FromPath[str]) -> Document:
    """Score the observed signals of a list with the library's ``assess`` and add the picture (or send it to
    the municipality's own case system, when a plugin provides one)."""
    entry = register_site.register.assess(caller, case_id, data.signal_list,
                                          observations(data.signals, data.interpretations),
                                          protective=data.protective, seen=data.version, purpose=data.purpose)
    return entry_document(case_id, entry)


@post("/cases/{case_id:str}/judgements", dto=ModelDTO[RegisterJudgementRequest], return_dto=None,
      status_code=201, operation_id="addRegisterJudgement", summary=N_("Het gezamenlijk oordeel toevoegen"), tags=TAGS,
      sync_to_thread=True)
def add_judgement(data: JSONBody[RegisterJudgementRequest], register_site: RegisterDep, caller: CallerDep,
                  case_id: FromPath[str]) -> Document:
    """Add the level professionals agreed on together; the computed level stays beside it, as advice."""
    judgement = Judgement(level=data.level, reason=data.reason, consulted=data.consulted, date=data.date)
    entry = register_site.register.judge(caller, case_id, judgement, seen=data.version, purpose=data.purpose)
    return entry_document(case_id, entry)


@post("/cases/{case_id:str}/actions", dto=ModelDTO[RegisterActionRequest], return_dto=None, status_code=201,
      operation_id="addRegisterAction", summary=N_("De gekozen route vastleggen"), tags=TAGS, sync_to_thread=True)
def add_action(data: JSONBody[RegisterActionRequest], register_site: RegisterDep, caller: CallerDep,
               case_id: FromPath[str]) -> Document:
    """Record the route taken: advice asked, a report made or a consultation held, and with whom."""
    entry = register_site.register.act(caller, case_id, data.route, note=data.note, seen=data.version,
                                       purpose=data.purpose)
    return entry_document(case_id, entry)


@post("/cases/{case_id:str}/feedback", dto=ModelDTO[RegisterFeedbackRequest], return_dto=None, status_code=201,
      operation_id="addRegisterFeedback", summary=N_("Terugkoppeling aan de melder"), tags=TAGS, sync_to_thread=True)
def add_feedback(data: JSONBody[RegisterFeedbackRequest], register_site: RegisterDep, caller: CallerDep,
                 case_id: FromPath[str]) -> Document:
    """Tell the reporter where their signal stands; ``message`` holds only what may be shared with them."""
    entry = register_site.register.feedback(caller, case_id, data.status, message=data.message, seen=data.version,
                                            purpose=data.purpose)
    return entry_document(case_id, entry)


@post("/cases/{case_id:str}/closing", dto=ModelDTO[RegisterClosingRequest], return_dto=None, status_code=201,
      operation_id="closeRegisterCase", summary=N_("De casus sluiten"), tags=TAGS, sync_to_thread=True)
def close_case(data: JSONBody[RegisterClosingRequest], register_site: RegisterDep, caller: CallerDep,
               case_id: FromPath[str]) -> Document:
    """Close the case: no more pictures, judgements or routes; feedback may still follow."""
    entry = register_site.register.close_case(caller, case_id, reason=data.reason, seen=data.version,
                                              purpose=data.purpose)
    return entry_document(case_id, entry)


@post("/cases/{case_id:str}/reassessments", dto=ModelDTO[RegisterReassessmentRequest], return_dto=None,
      status_code=201, operation_id="reassessRegisterCase", summary=N_("Herbeoordelen met de packs van nu"), tags=TAGS,
      sync_to_thread=True)
def reassess(data: JSONBody[RegisterReassessmentRequest], register_site: RegisterDep, caller: CallerDep,
             case_id: FromPath[str]) -> Document:
    """Score the latest picture's observations with today's packs; the answer says what shifted and whether
    the pack or the list changed since."""
    return reassessment_data(register_site.register.reassess(caller, case_id, seen=data.version,
                                                             purpose=data.purpose))


HANDLERS = [list_cases, create_case, get_case, get_status, list_reports, add_assessment, add_judgement, add_action,
            add_feedback, close_case, reassess]
