"""Outputs for people: a small document model rendered as text, Markdown or HTML.

:func:`render` is public as ``ondermijning.render``::

    page = ondermijning.render(picture, "html", catalog=catalog)    # a complete HTML page

This package is itself callable (``ondermijning.render(...)`` calls :func:`render`): the
package and the function share the name ``render``, and Python binds the package to
``ondermijning.render`` whenever one of its modules is imported, so the name has to work
as both.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from .document import FORMATS, Block, Document, Item, render_many
from .document import render as render_document

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..models.picture import InformationPicture

__all__ = ["FORMATS", "Block", "Document", "Item", "render", "render_document", "render_many"]


def render(what: InformationPicture | Document, format: str = "text", *, catalog: Catalog | None = None) -> str:
    """An information picture (or a :class:`Document`) as ``"text"``, ``"markdown"`` or ``"html"``.

    With ``catalog``, the picture shows the list's and themes' names instead of their ids.
    A picture is rendered in its own language (``picture.language``: Dutch unless it was assessed
    in another). HTML is a complete page (``<!DOCTYPE html>``, ``lang`` its language, printable). Raises
    :class:`ValueError` for another format and :class:`TypeError` for anything else to render.
    """
    from ..i18n import _
    from ..models.picture import InformationPicture
    from .picture import picture_document

    if format not in FORMATS:
        raise ValueError(_("onbekend formaat {format!r}: kies uit {formats}").format(
            format=format, formats=", ".join(FORMATS)))
    if isinstance(what, InformationPicture):
        from ..i18n import using

        with using(what.language):  # a picture reads in its own language, the page's lang attribute too
            return render_document(picture_document(what, catalog), format)
    if isinstance(what, Document):
        return render_document(what, format)
    raise TypeError(_("render() maakt een InformationPicture of een Document op, geen {type}").format(
        type=type(what).__name__))


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> str:
        return render(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
