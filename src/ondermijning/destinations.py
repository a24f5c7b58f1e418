"""Where pictures go instead of the register: a municipality's own case system.

The register (``ondermijning register``, :mod:`ondermijning.register`) keeps a case's pictures
in its own store. A municipality that has a case system of its own (a zaaksysteem, a
jeugdhulpregistratie) can have a plugin send them there instead: the register then keeps only
the receipt (which system, its reference, what the picture was pinned to), never the picture.

The interface is one record and one call::

    from ondermijning import hookimpl
    from ondermijning.destinations import PictureDestination, Receipt, Submission

    def send(submission: Submission) -> Receipt:
        reference = my_case_system.add(submission.pseudonym, to_json(submission.picture))
        return Receipt(reference=reference)

    @hookimpl
    def ondermijning_picture_destinations():
        return [PictureDestination(id="utrecht/zaaksysteem", municipality="utrecht",
                                   name="Zaaksysteem Utrecht", send=send)]

``send`` is called inside the register's transaction: when it raises, nothing is recorded
and the person sees one line naming the system. When it returns, the receipt is recorded with
the same commit; should that commit fail after ``send`` succeeded, the same
``submission.id`` comes again on the next try, so a case system can recognise a repeat.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import attrs

from .model_base import Model
from .models.common import id_field
from .models.picture import InformationPicture


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Submission(Model):  # eq, hash and repr from Model: attrs does not compile them
    """One picture on its way to a case system.

    ``id`` is stable for the same case entry (``CASE:SEQ``), so a repeat can be recognised;
    ``pseudonym`` is the register's pseudonym of the case, never a name.
    """

    id: str
    case: str
    municipality: str
    pseudonym: str
    picture: InformationPicture
    actor: str
    role: str
    at: datetime.datetime


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Receipt(Model):  # eq, hash and repr from Model: attrs does not compile them
    """What the case system says back: its own reference to the picture (no personal data)."""

    reference: str


@attrs.frozen(kw_only=True, eq=False, repr=False)
class PictureDestination(Model):
    """A municipality's case system that takes its pictures instead of the register.

    ``municipality`` is the pack id of the municipality whose cases it serves (one system per
    municipality); ``send`` delivers one picture and returns the system's receipt.
    """

    id: str = id_field()
    municipality: str
    name: str
    send: Callable[[Submission], Receipt] = attrs.field(eq=False, repr=False)
