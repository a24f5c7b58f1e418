"""Re-assessment: a stored picture's observations scored again with today's packs.

Nothing is re-observed: the same signals (with their kind, date and observer) and protective
factors go through :func:`ondermijning.assess` with the catalog as it is now. Signals or
factors the list no longer has are left out and named; the pins of both pictures say whether
the pack's version or the list's content changed in between.
"""

from __future__ import annotations

from ..assessment import assess
from ..catalog import Catalog
from ..i18n import _
from ..models.picture import InformationPicture
from .errors import InvalidInput


def rescore(picture: InformationPicture, catalog: Catalog) -> tuple[InformationPicture, tuple[str, ...]]:
    """The picture's observations assessed with ``catalog``; and the signals that no longer exist."""
    signal_list = catalog.signal_lists.get(picture.signal_list)
    if signal_list is None:
        raise InvalidInput(_("de signalenlijst {list} van dit beeld bestaat niet meer in de geladen packs; "
                             "herbeoordelen kan niet").format(list=picture.signal_list))
    signals = {s.id for s in signal_list.signals}
    factors = {f.id for f in signal_list.protective_factors}
    kept = [o for o in picture.observations if o.signal in signals]
    dropped = tuple(o.signal for o in picture.observations if o.signal not in signals)
    dropped += tuple(f.id for f in picture.protective_factors if f.id not in factors)
    protective = [f.id for f in picture.protective_factors if f.id in factors]
    return assess(signal_list, kept, catalog=catalog, protective=protective), dropped
