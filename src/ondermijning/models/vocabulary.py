"""Shared vocabulary other items point at: themes and legal frameworks."""

import attrs

from ..model_base import Model
from .common import Source, id_field, prose


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Theme(Model):
    """A form of ondermijning or exploitation (``drugs``, ``criminele-uitbuiting``, ...)."""

    id: str = id_field()
    name: str = prose()
    source: Source
    description: str = prose("")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Framework(Model):
    """A legal or professional framework a professional weighs (AVG, Wet Damocles, meldcode, ...)."""

    id: str = id_field()
    name: str = prose()
    summary: str = prose()
    source: Source
    reference: str = ""  # article or official citation, e.g. "art. 13b Opiumwet"
