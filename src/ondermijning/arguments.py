"""The command line's parser in the chosen language: argparse's own texts ("usage:", "-h") in Dutch or English.

argparse writes its texts in English through :func:`gettext.gettext` of the process's default
domain, which this library does not own. :class:`ArgumentParser` gives them from our catalog
instead: while one of its methods runs, argparse's ``_`` and ``ngettext`` look the English
text up in :data:`TEXTS` (written in Dutch and marked for the catalog, so English comes back
as English), and leave any text not listed as it is. The swap lasts only as long as the call,
so another parser in the same process (pytest's) keeps its own texts.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn, TypeVar

from .i18n import N_, _

#: argparse's texts (as in Python 3.10 to 3.13), each in Dutch
TEXTS: dict[str, str] = {
    "usage: ": N_("gebruik: "),
    "options": N_("opties"),
    "optional arguments": N_("opties"),
    "positional arguments": N_("argumenten"),
    "show this help message and exit": N_("toon deze hulp en stop"),
    "show program's version number and exit": N_("toon het versienummer en stop"),
    "%(prog)s: error: %(message)s\n": N_("%(prog)s: fout: %(message)s\n"),
    "argument %(argument_name)s: %(message)s": N_("argument %(argument_name)s: %(message)s"),
    "the following arguments are required: %s": N_("deze argumenten ontbreken: %s"),
    "unrecognized arguments: %s": N_("onbekende argumenten: %s"),
    "expected one argument": N_("verwacht één waarde"),
    "expected at most one argument": N_("verwacht hoogstens één waarde"),
    "expected at least one argument": N_("verwacht minstens één waarde"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_("ongeldige keuze: %(value)r (kies uit %(choices)s)"),
    "invalid %(type)s value: %(value)r": N_("ongeldige waarde voor %(type)s: %(value)r"),
    "ambiguous option: %(option)s could match %(matches)s": N_("dubbelzinnige optie: %(option)s kan %(matches)s "
                                                               "zijn"),
    "not allowed with argument %s": N_("niet toegestaan samen met argument %s"),
    "one of the arguments %s is required": N_("een van de argumenten %s is verplicht"),
    "ignored explicit argument %r": N_("genegeerde waarde %r"),
    "unknown parser %(parser_name)r (choices: %(choices)s)": N_("onbekend commando %(parser_name)r (kies uit "
                                                                "%(choices)s)"),
    "can't open '%(filename)s': %(error)s": N_("kan '%(filename)s' niet openen: %(error)s"),
}
#: argparse's texts with a plural: (singular, plural) -> (Dutch singular, Dutch plural)
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("expected %s argument", "expected %s arguments"): (N_("verwacht %s waarde"), N_("verwacht %s waarden")),
}

F = TypeVar("F", bound=Callable[..., Any])


def _gettext(message: str) -> str:
    dutch = TEXTS.get(message)
    return message if dutch is None else _(dutch)


def _ngettext(singular: str, plural: str, n: int) -> str:
    dutch = PLURALS.get((singular, plural))
    if dutch is None:
        return singular if n == 1 else plural
    return _(dutch[0] if n == 1 else dutch[1])  # two marked messages: Dutch and English both have two forms


@contextmanager
def _our_texts() -> Iterator[None]:
    """argparse's texts from our catalog for the duration of the block (nested blocks are fine)."""
    module: Any = argparse
    before = module._, module.ngettext
    module._, module.ngettext = _gettext, _ngettext
    try:
        yield
    finally:
        module._, module.ngettext = before


def _translated(method: F) -> F:
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _our_texts():
            return method(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


class ArgumentParser(argparse.ArgumentParser):
    """An :class:`argparse.ArgumentParser` whose own texts are in the chosen language; subparsers are one too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._help_width_unused = False
        with _our_texts():
            super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        if kwargs.get("action") == "version":  # its help is a default argument, not a gettext call
            kwargs.setdefault("help", _(TEXTS["show program's version number and exit"]))
        with _our_texts(), self._no_terminal():
            return super().add_argument(*args, **kwargs)

    def add_subparsers(self, *args: Any, **kwargs: Any) -> Any:
        with _our_texts(), self._no_terminal():  # it formats only the commands' prog ("ondermijning validate")
            return super().add_subparsers(*args, **kwargs)

    @contextmanager
    def _no_terminal(self) -> Iterator[None]:
        before, self._help_width_unused = self._help_width_unused, True
        try:
            yield
        finally:
            self._help_width_unused = before

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse makes a formatter in every add_argument only to check a metavar against nargs;
        # the terminal's width matters only for help, and asking for it imports shutil (about 2 ms)
        if self._help_width_unused:
            return self.formatter_class(prog=self.prog, width=80)  # type: ignore[call-arg]
        return super()._get_formatter()

    add_argument_group = _translated(argparse.ArgumentParser.add_argument_group)
    parse_known_args = _translated(argparse.ArgumentParser.parse_known_args)
    parse_args = _translated(argparse.ArgumentParser.parse_args)
    format_usage = _translated(argparse.ArgumentParser.format_usage)
    format_help = _translated(argparse.ArgumentParser.format_help)

    @_translated
    def error(self, message: str) -> NoReturn:
        super().error(message)
