"""The start page and the packs with their versions and validation status."""

from __future__ import annotations

from litestar import get
from litestar.response import Template

from ..api.catalog import pack_status
from ..site import SiteDep


@get("/", sync_to_thread=False, include_in_schema=False)
def home(site: SiteDep) -> Template:
    return Template("home.html", context={"site": site})


@get("/packs", sync_to_thread=False, include_in_schema=False)
def packs(site: SiteDep) -> Template:
    statuses = [pack_status(site, pack_id) for pack_id in sorted(site.catalog.packs)]
    return Template("packs.html", context={"site": site, "statuses": statuses})


HANDLERS = [home, packs]
