"""What reading a form back gives, and the one error every problem with it raises."""

from __future__ import annotations

import attrs

from ..errors import OndermijningError
from ..i18n import _
from ..models import Pack, SignalList, Theme


class ImportFormError(OndermijningError):
    """A form that cannot be read back: ``where`` in the file, ``what`` is wrong, and a hint."""

    def __init__(self, file: str, where: str, what: str, hint: str = "", *, unreadable: bool = False) -> None:
        self.file, self.where, self.what, self.hint = file, where, what, hint
        #: the file itself is not a form (not JSON, not .xlsx, too large): a usage error, not a content error
        self.unreadable = unreadable
        place = f"{file}: {where}: " if where else f"{file}: "
        super().__init__(place + what + (f" — {hint}" if hint else ""))


NOT_OURS = _("maak het formulier met 'ondermijning export' (alleen die formulieren kunnen terug naar een pack)")


@attrs.frozen
class Imported:
    """What a form holds: the pack record, its list and the pack's own themes the list names."""

    pack: Pack
    signal_list: SignalList
    themes: tuple[Theme, ...] = ()
