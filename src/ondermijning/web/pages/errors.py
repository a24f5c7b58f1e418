"""A refused page request as a page (in the request's language) with the problem's code."""

from __future__ import annotations

from litestar.response import Template

from ..problems import ApiProblem
from ..site import SiteDep


def error_page(problem: ApiProblem, site: SiteDep) -> Template:
    return Template("error.html", context={"problem": problem.details, "site": site},
                    status_code=problem.details.status)
