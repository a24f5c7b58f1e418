"""POST /api/v1/assessments: observed signals in, the information picture out, exactly as ``to_json`` writes it."""

from __future__ import annotations

from litestar import post
from litestar.params import JSONBody

from ...assessment import assess
from ...errors import InvalidSignalListError, UnknownItemError
from ...i18n import N_, _
from ...models.picture import InformationPicture, Observation, ObservationKind
from ..problems import ApiProblem, ProblemItem, unknown
from ..site import SiteDep
from .catalog import find
from .models import AssessmentRequest
from .wire import ModelDTO


def picture_for(request: AssessmentRequest, site: SiteDep) -> InformationPicture:
    """The picture for a request, from the library's ``assess``; every unknown id a problem (A003).

    The pages call this too, so a page and the API always give the same picture.
    """
    catalog = site.catalog
    signal_list = find(catalog.signal_lists, request.signal_list, "signal list", "$.signal_list")
    both = set(request.signals) & set(request.interpretations)
    if both:
        first = sorted(both)[0]
        index = request.interpretations.index(first)
        detail = _("Signaal '{id}' staat zowel bij signals als bij interpretations; kies één van beide.").format(
            id=first)
        path = f"$.interpretations[{index}]"
        raise ApiProblem("L104", detail, errors=[ProblemItem(code="L104", path=path, detail=detail)])
    if request.municipality and request.municipality not in catalog.packs:
        raise unknown(UnknownItemError("municipality", request.municipality, catalog.packs), "$.municipality")
    # facts as plain ids: assess() takes them from the list's own observations, built once
    observed: list[str | Observation] = list(request.signals)
    observed += [Observation(signal=s, kind=ObservationKind.INTERPRETATION) for s in request.interpretations]
    try:
        picture = assess(signal_list, observed, catalog=catalog, protective=request.protective,
                         subject=request.subject, municipality=request.municipality or None)
    except UnknownItemError as exc:
        raise unknown(exc, _path_of(request, exc.item_id)) from None
    except InvalidSignalListError:
        raise ApiProblem("A008", _("De signalenlijst '{id}' is ongeldig in deze catalogus en wordt niet gebruikt; "
                                   "zie 'ondermijning validate'.").format(id=signal_list.id)) from None
    if request.judgement is not None:
        picture = picture.with_judgement(request.judgement)
    return picture


def _path_of(request: AssessmentRequest, item_id: str) -> str:
    for key in ("signals", "interpretations", "protective"):
        values: tuple[str, ...] = getattr(request, key)
        if item_id in values:
            return f"$.{key}[{values.index(item_id)}]"
    return "$"


@post("/assessments", dto=ModelDTO[AssessmentRequest], return_dto=ModelDTO[InformationPicture], status_code=200,
      operation_id="createAssessment", summary=N_("Informatiebeeld van waargenomen signalen"), tags=["signaleren"],
      sync_to_thread=False)
def create_assessment(data: JSONBody[AssessmentRequest], site: SiteDep) -> InformationPicture:
    """Score the observed signals of a list: the information picture as ``to_json`` writes it.

    The computed level is advice for the professionals' joint judgement, never the decision.
    Nothing is kept: the picture exists only in this response (``Cache-Control: no-store``).
    """
    return picture_for(data, site)
