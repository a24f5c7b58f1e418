"""The field reference of every pack file, generated from the models: key, type, default, meaning, example.

Key, type and default come from the attrs models the loader uses, so they cannot drift; the
example is the first value the bundled packs (in the catalog given) write for that key; the
meaning is the one line per key below (:data:`MEANINGS`), and a test fails when a model gains
a key without one. ``python -m ondermijning.fieldref > docs/pack-fields.md`` writes the page.

:func:`reference_fields` says which keys refer to which family; ``ondermijning ids`` uses it to
list the ids a pack may refer to.
"""

from __future__ import annotations

import datetime
import enum
import inspect
import json
import typing
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .converter import converter
from .models import FAMILIES, PackFile
from .models.common import ID, REF, TEXT

if TYPE_CHECKING:
    from .catalog import Catalog

#: meaning of a key wherever it appears (a model's own entry below wins)
COMMON = {
    "id": "the item's id, unique in its pack; written without the pack prefix",
    "source": "where the content comes from (publication and section), so a reviewer can trace it",
    "name": "the name people read",
    "title": "the title people read",
    "description": "a short description",
    "explanation": "why it matters (duiding), shown beside it",
    "notes": "remarks shown with it",
    "themes": "the themes it is about (ids); empty: every theme",
    "text": "the text people read",
}

#: ``Model.key`` -> meaning
MEANINGS = {
    "Pack.id": "the pack's id: the prefix of every id in it (`deurne/...`)",
    "Pack.version": "the pack's version, semver (`1.2.0`); see the version policy in pack-format.md",
    "Pack.publisher": "who publishes and maintains the pack (an organisation or role)",
    "Pack.language": "the language the pack is written in, two letters (`nl`)",
    "Pack.translations": "other languages the pack carries, each in `translations/<lang>.toml` (`[\"en\"]`); "
                         "V014 reports a text a declared language leaves out (see translating-packs.md)",
    "Pack.license": "the licence of the content (an SPDX id such as `CC-BY-4.0`)",
    "Pack.requires": "packs this one needs, with a version range each (`core = \">=0.1,<0.2\"`)",
    "Source.publication": "the publication: author, title and year",
    "Source.section": "the chapter, paragraph or page",
    "Source.note": "how the item relates to the source (e.g. written in own words after §3)",
    "Framework.summary": "what the framework says, in a few sentences",
    "Framework.reference": "the article or official citation (`art. 13b Opiumwet`)",
    "SignalList.scoring": "basis, thresholds and combination steps: how observations become a level",
    "SignalList.audience": "for whom the list is (e.g. youth workers, school staff)",
    "SignalList.categories": "the groups of signals (gedrag, school, ...)",
    "SignalList.signals": "the signals a professional can tick",
    "SignalList.red_flag_themes": "themes whose red-flag signals give hoog whatever the score",
    "SignalList.protective_factors": "what protects; shown, never lowers the level",
    "SignalList.goals": "goals of interventions per level",
    "SignalList.examples": "golden examples: observations and the level they must give (run as tests)",
    "SignalList.reminder": "what the picture says about setting the level together",
    "Scoring.thresholds": "the scores from which the level is matig and hoog",
    "Scoring.combination": "bonuses when signals fall in several categories",
    "Thresholds.moderate": "the score from which the level is matig (above 0, below high)",
    "Thresholds.high": "the score from which the level is hoog",
    "CombinationStep.categories": "how many different categories the observed signals must cover",
    "CombinationStep.bonus": "the points added when they do (0 or more)",
    "Category.id": "the category's id, unique in its list",
    "Signal.category": "the id of the list's category it belongs to",
    "Signal.weight": "the points it adds when observed (0 or more)",
    "Signal.themes": "the themes it points at (ids); a red flag names a red-flag theme of its list",
    "Signal.red_flag": "true: observing it gives hoog whatever the score",
    "Signal.question": "a question that enriches the observation",
    "Goal.levels": "the levels at which the goal applies",
    "Example.signals": "the observed signals (ids of the list)",
    "Example.expected": "the level they must give",
    "SignalListExtension.target": "the id of the list it adds to (in another pack)",
    "SignalListExtension.categories": "categories it adds to the list",
    "SignalListExtension.signals": "signals it adds to the list",
    "SignalListExtension.protective_factors": "protective factors it adds",
    "SignalListExtension.goals": "goals it adds",
    "Route.name": "the role or organisation to contact",
    "Route.action": "advice (advies vragen), report (melding doen) or consult (overleggen)",
    "Route.scope": "local (the municipality's own) or national (a fallback anywhere)",
    "Route.levels": "the levels at which the route is offered",
    "Route.when": "when to take this route",
    "Route.contact": "how to reach them: a role or desk, never a person's name",
    "Route.phone": "a phone number the organisation publishes",
    "Route.themes": "the themes it is for (ids); empty: every theme",
    "Route.share": "what may be shared",
    "Route.legal_basis": "on which legal basis",
    "Route.feedback": "what the professional hears back, and when",
    "Route.to_fill_in": "true: the municipality still has to fill in the contact details",
    "DilemmaCard.situation": "the situation, told so that values are in tension",
    "DilemmaCard.values": "the values in tension",
    "DilemmaCard.questions": "questions to weigh",
    "DilemmaCard.options": "ways to handle it, each with its consequences",
    "DilemmaCard.frameworks": "the legal and professional frameworks to weigh (ids)",
    "DilemmaCard.signals": "signals the situation shows (ids)",
    "DilemmaCard.routes": "routes that fit (ids)",
    "DilemmaCard.usage": "the workshop that explains how to use the card (id)",
    "HandlingOption.consequences": "what it means for each party",
    "Consequences.client": "for the client",
    "Consequences.system": "for the family or system around the client",
    "Consequences.professional": "for the professional",
    "Consequences.organisation": "for the organisation",
    "ConversationGuide.roles": "the facilitators' roles (gespreksleider, observator)",
    "ConversationGuide.min_participants": "the smallest group the guide is for",
    "ConversationGuide.max_participants": "the largest group the guide is for",
    "ConversationGuide.max_cases": "at most this many cases in one session",
    "ConversationGuide.opening": "points for the opening",
    "ConversationGuide.questions": "the questions of the conversation, each with its purpose",
    "ConversationGuide.closing": "points for the closing round",
    "ConversationGuide.reflection_together": "questions to reflect on together",
    "ConversationGuide.reflection_alone": "questions to reflect on alone",
    "FacilitatorRole.name": "the role's name",
    "FacilitatorRole.task": "what the role does",
    "GuideQuestion.purpose": "what the question is for",
    "Case.story": "the story, with a moral tension",
    "Case.guide": "the conversation guide to discuss it with (id)",
    "Case.tensions": "the tensions the story holds",
    "Workshop.kind": "exploration, workshop, process (procesbegeleiding) or coaching",
    "Workshop.goal_type": "knowledge (kennisoverdracht) or process (a process to shape)",
    "Workshop.goal": "what participants reach",
    "Workshop.audience": "for whom",
    "Workshop.facilitator": "who leads it (a profile, not a name)",
    "Workshop.min_group": "the smallest group (0: no limit)",
    "Workshop.max_group": "the largest group (0: no limit)",
    "Workshop.duration": "how long it takes",
    "Workshop.room_setup": "how the room is set up",
    "Workshop.follow_up": "what follows it",
    "Trajectory.phases": "the phases, each with its sessions",
    "Phase.sessions": "the meetings of the phase",
    "Phase.reason": "why the phase is there",
    "Session.module": "the workshop or other module it holds (id)",
    "Session.weeks_after_previous": "weeks after the previous session",
    "Session.participants": "how many take part (0: not known)",
    "Session.facilitators": "how many facilitate",
    "Session.cases": "the cases discussed (ids)",
    "ProcessingPolicy.purpose": "why the register processes this municipality's cases; in every log line",
    "ProcessingPolicy.legal_basis": "on which legal basis (AVG art. 6, with the sector law); in every log line",
    "ProcessingPolicy.retention_days": "days after a case's last change that `register purge` removes it (1-3650)",
    "ProcessingPolicy.controller": "who is responsible for the processing (a role, never a person)",
    "ProcessingPolicy.frameworks": "the legal frameworks the processing rests on (ids)",
    "ProcessingPolicy.to_fill_in": "true: the municipality still has to confirm these values",
    "Publication.kind": "publication (a text one can check), general-knowledge or own (this project's design)",
    "Publication.sections": "the sections a citation may name",
    "Publication.note": "about the publication: edition, year, what an entry stands for",
    "Section.heading": "the heading as printed, when the cited title is shorter",
    "Section.parts": "its subsections, cited as `section, part`",
    "Section.aliases": "other accepted forms of the section (`§3.5`)",
    "SignalList.levels": "what laag, matig and hoog mean for this list; the picture shows its level's",
    "Scoring.basis": "where the numbers come from: example values, or established by a body on a date",
    "ScoringBasis.kind": "example (values of this pack) or established (set by a municipal body)",
    "ScoringBasis.by": "the body that established the numbers (for established)",
    "ScoringBasis.date": "when they were established, YYYY-MM-DD (for established)",
    "ScoringBasis.note": "more about the numbers, e.g. how they were tested",
    "LevelDescription.level": "the level described",
    "Role.when": "when a professional turns to this role",
    "Role.share": "what may be shared with it",
    "Role.receiving": "guidance for the role itself, such as feedback to the reporter",
    "Role.wished": "true: a source only wishes for this role; it does not exist there",
    "Route.lists": "the signal lists it is for (ids); empty: every list",
    "Route.role": "the role (table, hub, function) this route fills in (id)",
    "Exploration.introduction": "what the exploration is and how it goes",
    "Exploration.questions": "the questions, before and in the conversations, with their answers",
    "Exploration.advice": "how to ask",
    "Exploration.afterwards": "what follows the exploration",
    "Question.stage": "preparation (before the conversations) or conversation (asked in them)",
    "Question.purpose": "what the question is for",
    "Question.answers": "answers an explorer typically hears, each with what it says",
    "Answer.needs": "planner needs this answer points to (`plan --values`)",
    "Answer.audiences": "planner audiences this answer points to (`plan --values`)",
    "Answer.frontline_situation": "a situation of frontline teams (§3.2, 1-4); 0: none",
}

_SCALARS = {str: "text", bool: "true or false", int: "whole number", float: "number", datetime.date: "date"}


def models() -> dict[str, type]:
    """Every model a pack file holds, in the order a reader meets them (``Pack`` first)."""
    found: dict[str, type] = {}

    def visit(cls: type) -> None:
        if cls.__name__ in found:
            return
        found[cls.__name__] = cls
        for hint in typing.get_type_hints(cls).values():
            for part in (hint, *typing.get_args(hint)):
                if isinstance(part, type) and attrs.has(part):
                    visit(part)

    for hint in typing.get_type_hints(PackFile).values():
        for part in typing.get_args(hint):
            if isinstance(part, type) and attrs.has(part):
                visit(part)
    return found


def meaning(cls: type, key: str) -> str:
    """The meaning of ``key`` in ``cls`` (``KeyError`` when none is written)."""
    return MEANINGS.get(f"{cls.__name__}.{key}") or COMMON[key]


def type_name(hint: Any) -> str:
    """``tuple[str, ...]`` -> ``"list of text"``, ``Source`` -> ``"table (Source)"``, an enum -> its codes."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        inner = args[0]
        if isinstance(inner, type) and attrs.has(inner):
            return f"array of tables ({inner.__name__})"
        return f"list of {type_name(inner)}"
    if origin is typing.Union or type(hint).__name__ == "UnionType":
        return " or ".join(type_name(a) for a in args if a is not type(None))
    if origin in (dict, Mapping) or hint is Mapping:
        return f"table of {type_name(args[1])}" if args else "table"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return "one of " + ", ".join(f"`{m.value}`" for m in hint)
    if isinstance(hint, type) and attrs.has(hint):
        return f"table ({hint.__name__})"
    return _SCALARS.get(hint, getattr(hint, "__name__", str(hint)))


def _toml(value: Any, limit: int = 60) -> str:
    """A plain value as TOML, shortened for a table cell."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (int, float)):
        text = f"{value:g}" if isinstance(value, float) else str(value)
    elif isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        text = text if len(text) <= limit else text[: limit - 2] + '…"'
    elif isinstance(value, list):  # shortened by whole elements: a cut id would read as another id
        shown = [_toml(v, limit) for v in value]
        keep = max(1, max((k for k in range(len(shown) + 1) if len(", ".join(shown[:k])) <= limit - 5), default=1))
        text = "[" + ", ".join(shown[:keep] + (["…"] if keep < len(shown) else [])) + "]"
        return text.replace("|", "\\|")
    elif isinstance(value, dict):
        text = "{ " + ", ".join(f"{k} = {_toml(v, limit)}" for k, v in value.items()) + " }" if value else "{}"
    else:
        text = str(value)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return text.replace("|", "\\|")  # a table cell


def default_of(field: attrs.Attribute[Any]) -> str:
    if field.default is attrs.NOTHING:
        return "required"
    factory = _factory(field)
    default = factory() if factory is not None else field.default
    return "`" + _toml(converter.unstructure(default)) + "`"


def examples(catalog: Catalog) -> dict[str, str]:
    """``Model.key`` -> the first value set (not the default) in the catalog's items, as TOML."""
    found: dict[str, str] = {}

    def visit(obj: Any) -> None:
        for field in attrs.fields(type(obj)):
            value = getattr(obj, field.name)
            key = f"{type(obj).__name__}.{field.name}"
            nested = [v for v in (value if isinstance(value, tuple) else (value,)) if attrs.has(type(v))]
            for part in nested:
                visit(part)
            if key in found or nested or value is None or _is_default(field, value):
                continue
            plain = converter.unstructure(value)
            if field.metadata.get(ID) and isinstance(plain, str):
                plain = plain.rpartition("/")[2]  # written without the pack prefix
            found[key] = "`" + _toml(plain) + "`"

    for family in FAMILIES:
        for item in catalog.family(family).values():
            visit(item)
    for pack in catalog.packs.values():
        visit(pack)
    return found


def _factory(field: attrs.Attribute[Any]) -> Any:
    """The factory of a field's default (``attrs.Factory``), or None."""
    return getattr(field.default, "factory", None)


def _is_default(field: attrs.Attribute[Any], value: Any) -> bool:
    if isinstance(value, (tuple, str, Mapping)) and not value:
        return True  # nothing written
    return field.default is not attrs.NOTHING and _factory(field) is None and value == field.default


def reference_fields() -> dict[str, list[str]]:
    """Family -> the keys that refer to its items (``"themes"`` -> ``["Route.themes", ...]``)."""
    found: dict[str, list[str]] = {}
    for name, cls in models().items():
        for field in attrs.fields(cls):
            if REF in field.metadata:
                found.setdefault(field.metadata[REF], []).append(f"{name}.{field.name}")
    return found


def rows(catalog: Catalog) -> Iterator[tuple[str, list[tuple[str, str, str, str, str]]]]:
    """Per model: (key, type, default, meaning, example) of every key."""
    seen = examples(catalog)
    for name, cls in models().items():
        hints = typing.get_type_hints(cls)
        yield name, [(field.name, _kind(field, hints[field.name]), default_of(field), meaning(cls, field.name),
                      seen.get(f"{name}.{field.name}") or _see(hints[field.name])) for field in attrs.fields(cls)]


def _kind(field: attrs.Attribute[Any], hint: Any) -> str:
    family = field.metadata.get(REF)
    if family is None:
        return type_name(hint) + (" (translatable)" if field.metadata.get(TEXT) else "")
    what = family.replace("_", " ")
    return f"list of ids ({what})" if typing.get_origin(hint) is tuple else f"id ({what})"


def _see(hint: Any) -> str:
    """For a nested table: a link to its own section."""
    inner = typing.get_args(hint)[0] if typing.get_origin(hint) is tuple else hint
    if isinstance(inner, type) and attrs.has(inner):
        return f"see [{inner.__name__}](#{inner.__name__.lower()})"
    return ""


def reference_markdown(catalog: Catalog) -> str:
    """The page ``docs/pack-fields.md``."""
    out = ["# Pack file fields", "",
           "Generated from the models (`python -m ondermijning.fieldref > docs/pack-fields.md`; a test keeps it in "
           "sync). Each table is one kind of table in a pack file; the examples are taken from the bundled packs. "
           "See [the pack format](pack-format.md) for how the tables fit together, and `ondermijning ids` for the "
           "ids a pack may refer to. A key marked *translatable* is a text a person reads: a pack's "
           "`translations/<lang>.toml` may give it in another language "
           "([translating packs](translating-packs.md)).", ""]
    for name, fields in rows(catalog):
        out += [f"## {name}", "", _first_line(models()[name]).replace("``", "`"), "",
                "| key | type | default | meaning | example |", "|---|---|---|---|---|"]
        out += [f"| `{key}` | {kind} | {default} | {text} | {example} |".replace("\n", " ")
                for key, kind, default, text, example in fields]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _first_line(cls: type) -> str:
    return (inspect.getdoc(cls) or "").split("\n\n")[0].replace("\n", " ")


if __name__ == "__main__":  # pragma: no cover - exercised by the docs test through reference_markdown
    from .assemble import load_catalog

    print(reference_markdown(load_catalog()), end="")
