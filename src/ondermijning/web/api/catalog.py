"""GET endpoints for what the packs hold: packs, signal lists, routes, dilemma cards, cases, guides, workshops.

Ids keep their slash: ``/api/v1/signal-lists/deurne/jongeren``. Every item is the document
``to_json`` writes for it; a list is a JSON array of such documents.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from litestar import Router, get
from litestar.handlers import HTTPRouteHandler
from litestar.params import FromPath, QueryParameter

from ...assessment import select_routes
from ...errors import UnknownItemError
from ...i18n import N_
from ...models import (
    Case,
    ConcernLevel,
    ConversationGuide,
    DilemmaCard,
    Route,
    SignalList,
    Workshop,
    pack_of,
)
from ..problems import unknown
from ..site import SiteDep
from .models import PackStatus
from .wire import ModelDTO

#: path segment, catalog family, model, kind (for UnknownItemError), the summaries of the list and the item
FAMILIES: tuple[tuple[str, str, type[Any], str, str, str], ...] = (
    ("signal-lists", "signal_lists", SignalList, "signal list", N_("Alle signalenlijsten"), N_("Eén signalenlijst")),
    ("dilemma-cards", "dilemma_cards", DilemmaCard, "dilemma card", N_("Alle dilemmakaarten"),
     N_("Eén dilemmakaart")),
    ("cases", "cases", Case, "case", N_("Alle casussen"), N_("Eén casus")),
    ("guides", "guides", ConversationGuide, "conversation guide", N_("Alle gespreksleidraden"),
     N_("Eén gespreksleidraad")),
    ("workshops", "workshops", Workshop, "workshop", N_("Alle modules"), N_("Eén module")),
)


def find(mapping: Mapping[str, Any], item_id: str, kind: str, path: str = "$") -> Any:
    """An item by qualified id, or a 404 problem (A003) that suggests a close id."""
    try:
        return mapping[item_id]
    except KeyError:
        raise unknown(UnknownItemError(kind, item_id, mapping), path, status=404) from None


def pack_status(site: SiteDep, pack_id: str) -> PackStatus:
    catalog = site.catalog
    report = site.reports[pack_id]
    counts = {family: n for family, n in catalog.counts(pack_id).items() if n}
    provenance = catalog.provenance.get(pack_id)
    return PackStatus(pack=catalog.packs[pack_id], provider=provenance.provider if provenance else "",
                      counts=counts, valid=report.errors == 0, errors=report.errors, warnings=report.warnings)


@get("/packs", return_dto=ModelDTO[PackStatus], operation_id="listPacks", summary=N_("Alle packs met versie en status"),
     sync_to_thread=False)
def list_packs(site: SiteDep) -> list[PackStatus]:
    """Every installed pack: its version, provider, item counts and validation status."""
    return [pack_status(site, pack_id) for pack_id in sorted(site.catalog.packs)]


@get("/packs/{pack_id:str}", return_dto=ModelDTO[PackStatus], operation_id="getPack", summary=N_("Eén pack"),
     sync_to_thread=False)
def get_pack(site: SiteDep, pack_id: FromPath[str]) -> PackStatus:
    """One pack by its id (``deurne``)."""
    find(site.catalog.packs, pack_id, "pack")
    return pack_status(site, pack_id)


@get("/routes", return_dto=ModelDTO[Route], operation_id="listRoutes", summary=N_("Routes, gefilterd"),
     sync_to_thread=False)
def list_routes(
    site: SiteDep,
    municipality: Annotated[str | None, QueryParameter(
        description=N_("pack-id van een gemeente: eerst haar lokale routes, dan de landelijke; routes van andere "
                       "gemeenten vallen weg. Standaard: het pack van signal_list; zonder beide alleen de landelijke "
                       "routes"))] = None,
    level: Annotated[ConcernLevel | None, QueryParameter(description=N_("alleen routes voor dit zorgniveau"))] = None,
    theme: Annotated[list[str] | None, QueryParameter(
        description=N_("alleen routes voor deze thema's (herhaal voor meer; een route zonder thema's past bij elk "
                       "thema), bijvoorbeeld core/drugs"))] = None,
    signal_list: Annotated[str | None, QueryParameter(
        description=N_("de lijst die wordt beoordeeld: routes die lijsten noemen alleen als ze deze noemen (zonder: "
                       "alleen routes die geen lijsten noemen), bijvoorbeeld deurne/jongeren"))] = None,
) -> list[Route]:
    """Whom to contact for what: the routes ``assess`` names for this municipality, level, themes and list.

    The choice is the library's :func:`~ondermijning.assessment.select_routes`, so a picture and
    this list never disagree; a filter left out is not applied.
    """
    catalog = site.catalog
    if municipality is not None and municipality not in catalog.packs:
        raise unknown(UnknownItemError("municipality", municipality, catalog.packs), "municipality")
    for one_theme in theme or ():
        if one_theme not in catalog.themes:
            raise unknown(UnknownItemError("theme", one_theme, catalog.themes), "theme")
    if signal_list is not None and signal_list not in catalog.signal_lists:
        raise unknown(UnknownItemError("signal list", signal_list, catalog.signal_lists), "signal_list")
    whose = municipality if municipality is not None else pack_of(signal_list) if signal_list is not None else ""
    return select_routes(catalog.routes, level, theme, municipality=whose, signal_list=signal_list or "")


def _family_handlers(segment: str, family: str, model: type[Any], kind: str, all_summary: str, one_summary: str
                     ) -> list[HTTPRouteHandler]:
    name = model.__name__

    def list_items(site: SiteDep) -> list[Any]:
        return list(site.catalog.family(family).values())

    def get_item(site: SiteDep, pack: FromPath[str], item: FromPath[str]) -> Any:
        return find(site.catalog.family(family), f"{pack}/{item}", kind)

    list_items.__doc__ = f"Every {kind} of the catalog, as to_json writes them."
    get_item.__doc__ = f"One {kind} by id: pack and item with their slash (pack/item)."
    list_items.__annotations__ = {"site": SiteDep, "return": list[model]}  # type: ignore[valid-type]
    get_item.__annotations__ = {"site": SiteDep, "pack": FromPath[str], "item": FromPath[str], "return": model}
    return [
        get(f"/{segment}", return_dto=ModelDTO[model],  # type: ignore[valid-type]
            operation_id=f"list{name}s", sync_to_thread=False,
            summary=all_summary)(list_items),
        get(f"/{segment}/{{pack:str}}/{{item:str}}", return_dto=ModelDTO[model],  # type: ignore[valid-type]
            operation_id=f"get{name}",
            sync_to_thread=False, summary=one_summary)(get_item),
    ]


def catalog_router() -> Router:
    handlers: list[Callable[..., Any] | HTTPRouteHandler] = [list_packs, get_pack, list_routes]
    for spec in FAMILIES:
        handlers.extend(_family_handlers(*spec))
    return Router("/", route_handlers=handlers, tags=["catalogus"])
