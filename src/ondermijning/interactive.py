"""Terminal walk-throughs: ask, check the answer, ask again; never a traceback.

Input and output are injected (``ask``, ``say``), so tests drive a walk with a script. In a
terminal, :func:`terminal_ask` and :func:`terminal_say` put the questions on stderr, so that
stdout holds only the result (``assess --format json > beeld.json`` stays valid JSON).
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Callable, Sequence

from .i18n import _
from .models import DilemmaCard, SignalList

Ask = Callable[[str], str]
Say = Callable[[str], None]


def terminal_ask(prompt: str) -> str:
    """Read one answer; the prompt goes to stderr, not into the command's output."""
    print(prompt, end="", file=sys.stderr, flush=True)
    return input()


def terminal_say(text: str) -> None:
    """Show a line of a walk (a menu, a hint) on stderr."""
    print(text, file=sys.stderr)


class Aborted(Exception):
    """The person stopped the walk (Ctrl-C, Ctrl-D or 'q')."""


def _read(ask: Ask, prompt: str) -> str:
    try:
        answer = ask(prompt)
    except (EOFError, KeyboardInterrupt):
        raise Aborted from None
    if answer.strip().lower() in ("q", "stop"):
        raise Aborted
    return answer.strip()


def ask_text(ask: Ask, prompt: str) -> str:
    """A free answer, stripped; empty when the person just presses Enter."""
    return _read(ask, prompt)


def ask_number(ask: Ask, say: Say, prompt: str, low: int, high: int, *, default: int | None = None) -> int:
    """A whole number from ``low`` to ``high`` (Enter gives ``default``, if any). Asks again on anything else."""
    while True:
        answer = _read(ask, prompt)
        if not answer and default is not None:
            return default
        # isdigit() alone accepts '²', which int() refuses; a long answer is never in range
        if answer.isascii() and answer.isdigit() and len(answer) <= len(str(high)) and low <= int(answer) <= high:
            return int(answer)
        say("  " + _("Typ een heel getal van {low} tot en met {high} (q = stoppen).").format(low=low, high=high))


def ask_date(ask: Ask, say: Say, prompt: str) -> datetime.date | None:
    """A date as YYYY-MM-DD, or None when the person presses Enter. Asks again on anything else."""
    while True:
        answer = _read(ask, prompt)
        if not answer:
            return None
        try:
            return datetime.date.fromisoformat(answer)
        except ValueError:
            say("  " + _("Typ een datum als 2026-09-07, of Enter als die nog niet bekend is."))


def choose_numbers(ask: Ask, say: Say, prompt: str, count: int) -> list[int]:
    """Numbers 1..count separated by spaces or commas; empty means none. Asks again on a typo."""
    while True:
        answer = _read(ask, prompt)
        parts = answer.replace(",", " ").split()
        try:
            numbers = [int(p) for p in parts]
        except ValueError:
            say("  " + _("Typ nummers tussen 1 en {count}, gescheiden door spaties (Enter = geen, q = stoppen).")
                .format(count=count))
            continue
        wrong = [n for n in numbers if not 1 <= n <= count]
        if wrong:
            say("  " + _("{numbers} staat niet in de lijst; kies uit 1 tot en met {count}.").format(
                numbers=", ".join(map(str, wrong)), count=count))
            continue
        return list(dict.fromkeys(numbers))


def choose_one(ask: Ask, say: Say, prompt: str, options: Sequence[str]) -> int:
    for number, option in enumerate(options, 1):
        say(f"  {number}. {option}")
    while True:
        chosen = choose_numbers(ask, say, prompt, len(options))
        if len(chosen) == 1:
            return chosen[0] - 1
        say("  " + _("Kies precies één nummer."))


def walk_signal_list(sl: SignalList, ask: Ask, say: Say) -> tuple[list[str], list[str]]:
    """Category by category: which signals do you recognise? Then: which protective factors?"""
    say(f"\n{sl.name}")
    say(_("Vink per categorie aan wat je zelf hebt gezien of gehoord. Typ de nummers, gescheiden door spaties;"))
    say(_("Enter als je niets herkent, q om te stoppen.") + "\n")
    observed: list[str] = []
    for category in sl.categories:
        signals = [s for s in sl.signals if s.category == category.id]
        if not signals:
            continue
        say(f"{category.name}")
        for number, signal in enumerate(signals, 1):
            say(f"  {number:>2}. {signal.text}")
        picked = choose_numbers(ask, say, _("Welke herken je bij {category}? ").format(category=category.name.lower()),
                                len(signals))
        observed.extend(signals[n - 1].id for n in picked)
        say("")
    protective: list[str] = []
    if sl.protective_factors:
        say(_("Beschermende factoren (tellen niet mee in de score, maar horen bij het beeld)"))
        for number, factor in enumerate(sl.protective_factors, 1):
            say(f"  {number:>2}. {factor.text}")
        picked = choose_numbers(ask, say, _("Welke zijn aanwezig? "), len(sl.protective_factors))
        protective = [sl.protective_factors[n - 1].id for n in picked]
    return observed, protective


def _pause(ask: Ask) -> None:
    _read(ask, _("(Enter om verder te gaan, q om te stoppen) "))


def walk_dilemma(card: DilemmaCard, ask: Ask, say: Say, *, frameworks: dict[str, str]) -> int | None:
    """Step by step through a card: situation, values, each question, options; returns the chosen option's number."""
    say("\n" + _("Dilemmakaart: {title}").format(title=card.title) + "\n")
    say(card.situation)
    _pause(ask)
    say("\n" + _("Waarden die hier botsen:"))
    for value in card.values:
        say(f"  - {value}")
    say(_("Welke weegt voor jou of jullie het zwaarst, en waarom?"))
    _pause(ask)
    for number, question in enumerate(card.questions, 1):
        say("\n" + _("Vraag {n} van {total}: {question}").format(n=number, total=len(card.questions),
                                                                question=question))
        say(_("Neem de tijd; bespreek het in het team of schrijf je antwoord voor jezelf op."))
        _pause(ask)
    say("\n" + _("Handelingsopties:"))
    for number, option in enumerate(card.options, 1):
        c = option.consequences
        say(f"\n  {number}. {option.title}: {option.description}")
        from .render.cards import consequence_lines

        for label, text in consequence_lines(c):
            say(f"     {label}: {text}")
    chosen = choose_numbers(ask, say, "\n" + _("Welke optie kiezen jullie? (nummer, Enter = nog geen keuze) "),
                            len(card.options))
    choice = chosen[0] if chosen else None
    if choice is not None:
        say("\n" + _("Jullie keuze: {title}.").format(title=card.options[choice - 1].title))
    if card.frameworks:
        say(_("Kaders om je keuze aan te toetsen: {frameworks}.").format(
            frameworks=", ".join(frameworks.get(f, f) for f in card.frameworks)))
    say(_("Er is geen goed of fout antwoord. Leg jullie afweging vast zoals jullie organisatie dat afspreekt; "
          "hier wordt niets bewaard."))
    return choice
