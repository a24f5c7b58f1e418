"""From the exploration's answers to findings the planner reads, and the rule that keeps them readable.

An exploration (:class:`~ondermijning.models.Exploration`) lists its questions with the answers
an explorer typically hears (handreiking §1); each answer says what it means for the training:
needs and audiences (the planner's values, see ``plan --values``), themes, or a situation of
frontline teams (§3.2). :func:`findings_from` adds up the chosen answers into
:class:`~ondermijning.planner.Findings`, and :func:`findings_toml` writes them as the findings
file ``plan --from`` reads, with a comment saying which answer led to which value. Rule V013
checks that every answer names values the planner knows. The walk in a terminal is
``ondermijning explore`` (:mod:`ondermijning.commands.explore`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping, Sequence

import attrs

from .catalog import Catalog, Rule
from .errors import Problem
from .i18n import _
from .model_base import Model
from .models import Answer, Exploration
from .planner.findings import FRONTLINE_SITUATIONS, Audience, Findings, Need


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Explored(Model):  # eq, hash and repr from Model: attrs does not compile them
    """What an exploration found: the findings, and for each value the answers that led to it."""

    findings: Findings
    reasons: Mapping[str, tuple[str, ...]]  # "needs:damocles" -> the answers' texts


def findings_from(exploration: Exploration, chosen: Mapping[str, Sequence[str]], *, participants: int,
                  weeks: int, themes: Sequence[str] = (), start: datetime.date | None = None,
                  municipality: str = "") -> Explored:
    """Add up the chosen answers (question id -> answer ids) into findings, in the exploration's order.

    ``themes`` are themes named besides the answers (qualified ids). The frontline situation is
    the highest one an answer names (0 when none does). Unknown question or answer ids raise
    ``KeyError``.
    """
    reasons: dict[str, list[str]] = {}
    needs: list[str] = []
    audiences: list[str] = []
    found_themes: list[str] = list(themes)
    situation = 0
    for question in exploration.questions:
        picked = set(chosen.get(question.id, ()))
        unknown = picked - {a.id for a in question.answers}
        if unknown:
            raise KeyError(_("vraag {question!r} heeft geen antwoord {answer!r}").format(
                question=question.id, answer=sorted(unknown)[0]))
        for answer in (a for a in question.answers if a.id in picked):
            for key, values, into in (("needs", answer.needs, needs), ("audiences", answer.audiences, audiences),
                                      ("themes", answer.themes, found_themes)):
                for value in values:
                    into.append(value)
                    reasons.setdefault(f"{key}:{value}", []).append(answer.text)
            if answer.frontline_situation:
                reasons.setdefault(f"frontline_situation:{answer.frontline_situation}", []).append(answer.text)
            situation = max(situation, answer.frontline_situation)
    unknown_questions = set(chosen) - {q.id for q in exploration.questions}
    if unknown_questions:
        raise KeyError(_("verkenning {exploration!r} heeft geen vraag {question!r}").format(
            exploration=exploration.id, question=sorted(unknown_questions)[0]))
    findings = Findings(participants=participants, weeks=weeks, themes=tuple(dict.fromkeys(found_themes)),
                        audiences=tuple(Audience(a) for a in dict.fromkeys(audiences)),
                        needs=tuple(Need(n) for n in dict.fromkeys(needs)), frontline_situation=situation,
                        start=start, municipality=municipality)
    return Explored(findings=findings, reasons={key: tuple(dict.fromkeys(v)) for key, v in reasons.items()})


def _string(text: str) -> str:
    import json  # only when writing a form: the rules in this module run on every validate

    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _comment(text: str) -> str:
    return " ".join(text.split())


def findings_toml(explored: Explored, exploration: Exploration) -> str:
    """The findings as the TOML file ``plan --from`` reads, with why each value is there."""
    f = explored.findings
    lines = [f"# {_('Bevindingen van de verkenning')}: {_comment(exploration.title)} ({exploration.id})",
             f"# {_('Gemaakt met: ondermijning explore; lees het met: ondermijning plan --from BESTAND')}", ""]
    if f.municipality:
        lines.append(f"municipality = {_string(f.municipality)}")

    def values(key: str, items: Sequence[str]) -> None:
        lines.append(f"{key} = [")
        for value in items:
            why = explored.reasons.get(f"{key}:{value}", ())
            comment = f"  # {_comment('; '.join(why))}" if why else ""
            lines.append(f"  {_string(value)},{comment}")
        lines.append("]")

    values("themes", f.themes)
    values("audiences", [a.value for a in f.audiences])
    values("needs", [n.value for n in f.needs])
    why = explored.reasons.get(f"frontline_situation:{f.frontline_situation}", ())
    situation = FRONTLINE_SITUATIONS.get(f.frontline_situation, _("niet van toepassing"))
    lines.append(f"frontline_situation = {f.frontline_situation}  # {_comment(situation)}"
                 + (f" ({_comment('; '.join(why))})" if why else ""))
    lines.append(f"participants = {f.participants}")
    lines.append(f"weeks = {f.weeks}")
    if f.start is not None:
        lines.append(f"start = {f.start.isoformat()}")
    return "\n".join(lines) + "\n"


def check_answers(catalog: Catalog) -> Iterator[Problem]:
    needs, audiences = {n.value for n in Need}, {a.value for a in Audience}
    for exploration in catalog.explorations.values():
        for q, question in enumerate(exploration.questions):
            for a, answer in enumerate(question.answers):
                where = f"questions[{q}].answers[{a}]"
                yield from _unknown(catalog, exploration, answer, where, "needs", needs)
                yield from _unknown(catalog, exploration, answer, where, "audiences", audiences)
                if answer.frontline_situation not in (0, *FRONTLINE_SITUATIONS):
                    yield catalog.problem_at(
                        exploration.id, "V013", _("antwoord {answer!r} noemt frontlijnsituatie {n}, die niet "
                                                  "bestaat").format(answer=answer.id, n=answer.frontline_situation),
                        field=f"{where}.frontline_situation",
                        hint=_("gebruik 1 tot en met 4 (handreiking §3.2), of 0"))


def _unknown(catalog: Catalog, exploration: Exploration, answer: Answer, where: str, key: str,
             known: set[str]) -> Iterator[Problem]:
    for index, value in enumerate(getattr(answer, key)):
        if value not in known:
            yield catalog.problem_at(
                exploration.id, "V013", _("antwoord {answer!r} noemt {key} {value!r}, die de planner niet "
                                          "kent").format(answer=answer.id, key=key, value=value),
                field=f"{where}.{key}[{index}]", hint=_("gebruik een van: {values}").format(
                    values=", ".join(sorted(known))))


EXPLORATION_RULES: tuple[Rule, ...] = (
    Rule("V013", "exploration answers name values the planner knows", check_answers,
         why="an answer the planner cannot read would be lost between explore and plan"),
)
