"""assess(): levels from thresholds and red flags, explanation, routes, goals, judgement, JSON."""

from __future__ import annotations

import datetime
import json

import attrs
import pytest

import ondermijning as o
from ondermijning.models import ConcernLevel, RouteScope
from ondermijning.models.picture import DecisionKind, Judgement, Observation, ObservationKind
from ondermijning.serialize import JSONFormatError

from .conftest import MakePack
from .helpers import route_toml, signal_list_toml

CATALOG = o.load_catalog()
DEURNE = CATALOG.signal_lists["deurne/jongeren"]
RED = [s.id for s in DEURNE.signals if s.red_flag]


@pytest.fixture
def small(make_pack: MakePack) -> o.Catalog:
    """A list with s1 (1, gedrag), s2 (2, gedrag), s3 (1, school, red flag); matig 2, hoog 5."""
    national = route_toml("landelijk", levels='["high"]').replace('scope = "local"', 'scope = "national"')
    themed = route_toml("drugsteam", levels='["high"]', extra='themes = ["core/drugs"]')
    folder = make_pack("t", {"l.toml": signal_list_toml(), "r.toml": route_toml() + national + themed})
    return o.load_catalog([folder], autoload=False)


def test_levels_follow_the_thresholds(small: o.Catalog) -> None:
    sl = small.signal_lists["t/lijst"]
    assert o.assess(sl, [], catalog=small).level is ConcernLevel.LOW
    assert o.assess(sl, ["t/s1"], catalog=small).level is ConcernLevel.LOW  # 1 < 2
    picture = o.assess(sl, ["t/s1", "t/s2"], catalog=small)  # 3 >= 2
    assert (picture.level, picture.score) == (ConcernLevel.MODERATE, 3)
    assert picture.explanation.decision.kind is DecisionKind.THRESHOLD
    assert picture.explanation.decision.threshold == 2


def test_a_red_flag_forces_high_and_is_explained(small: o.Catalog) -> None:
    picture = o.assess("t/lijst", ["s3"], catalog=small)  # local ids are read in the list's pack
    assert picture.level is ConcernLevel.HIGH
    assert picture.score == 1
    assert picture.explanation.decision.kind is DecisionKind.RED_FLAG
    assert picture.explanation.decision.signals == ("t/s3",)
    assert [f.signal for f in picture.red_flags] == ["t/s3"]


def test_routes_fit_level_and_theme_local_first(small: o.Catalog) -> None:
    high = o.assess("t/lijst", ["s3"], catalog=small)  # red flag with theme core/drugs
    assert [r.id for r in high.routes if r.id.startswith("t/")] == ["t/wijkteam", "t/drugsteam", "t/landelijk"]
    assert [r.scope for r in high.routes[:2]] == [RouteScope.LOCAL] * 2
    assert all(r.scope is RouteScope.NATIONAL for r in high.routes[2:])  # the core pack's national routes too
    assert "core/meld-misdaad-anoniem" in {r.id for r in high.routes}  # it names core/drugs
    moderate = o.assess("t/lijst", ["s1", "s2"], catalog=small)  # no drugs theme, not high
    assert [r.id for r in moderate.routes if r.scope is RouteScope.LOCAL] == ["t/wijkteam"]


def test_other_municipalities_local_routes_are_left_out(small: o.Catalog) -> None:
    picture = o.assess(DEURNE, RED[:1], catalog=CATALOG)
    assert all(r.id.startswith("deurne/") for r in picture.routes if r.scope is RouteScope.LOCAL)
    assert any(r.scope is RouteScope.NATIONAL for r in picture.routes)


def test_goals_for_the_level() -> None:
    low = o.assess(DEURNE, [], catalog=CATALOG)
    high = o.assess(DEURNE, RED[:1], catalog=CATALOG)
    assert low.goals and all(ConcernLevel.LOW in g.levels for g in low.goals)
    assert high.goals and all(ConcernLevel.HIGH in g.levels for g in high.goals)
    assert {g.id for g in low.goals}.isdisjoint(g.id for g in high.goals)


def test_watch_next_names_signals_that_raise_the_level(small: o.Catalog) -> None:
    picture = o.assess("t/lijst", ["s1"], catalog=small)
    assert {(w.signal, w.raises_to) for w in picture.watch_next} == {
        ("t/s3", ConcernLevel.HIGH), ("t/s2", ConcernLevel.MODERATE)}
    assert picture.watch_next[0].raises_to is ConcernLevel.HIGH  # the biggest step first


def test_combination_bonus_counts_categories(make_pack: MakePack) -> None:
    text = signal_list_toml(moderate=4, high=9).replace(
        "thresholds = { moderate = 4, high = 9 } }",
        "thresholds = { moderate = 4, high = 9 }, combination = [{ categories = 2, bonus = 3 }] }")
    text = text.replace("red_flag = true\n", "")
    catalog = o.load_catalog([make_pack("c", {"l.toml": text})], autoload=False)
    one_category = o.assess("c/lijst", ["s1", "s2"], catalog=catalog)
    two_categories = o.assess("c/lijst", ["s1", "s3"], catalog=catalog)
    assert (one_category.score, one_category.level) == (3, ConcernLevel.LOW)
    assert (two_categories.score, two_categories.level) == (5, ConcernLevel.MODERATE)
    assert [c.kind.value for c in two_categories.explanation.contributions] == ["signal", "signal", "combination"]


def test_protective_factors_are_shown_and_never_lower_the_level() -> None:
    factors = [p.id for p in DEURNE.protective_factors]
    without = o.assess(DEURNE, RED[:1], catalog=CATALOG)
    with_all = o.assess(DEURNE, RED[:1], catalog=CATALOG, protective=factors)
    assert (with_all.level, with_all.score) == (without.level, without.score)
    assert [p.id for p in with_all.protective_factors] == factors


def test_judgement_is_kept_beside_the_computed_level() -> None:
    picture = o.assess(DEURNE, RED[:1], catalog=CATALOG)
    agreed = picture.with_judgement(Judgement(level=ConcernLevel.MODERATE, reason="Broer is al in beeld",
                                              consulted=["jongerenwerker", "wijkagent"]))
    assert agreed.level is ConcernLevel.HIGH  # never overwritten
    assert agreed.judgement is not None and agreed.judgement.level is ConcernLevel.MODERATE
    assert o.from_json(o.to_json(agreed), o.InformationPicture) == agreed


def test_observations_carry_fact_or_interpretation_date_and_role() -> None:
    seen = Observation(signal=RED[0], kind=ObservationKind.INTERPRETATION, date=datetime.date(2026, 11, 2),
                       observer="conciërge", note="zag het in de fietsenstalling")
    picture = o.assess(DEURNE, [seen], catalog=CATALOG)
    assert picture.observations == (seen,)
    data = json.loads(o.to_json(picture))
    assert data["observations"][0]["date"] == "2026-11-02"
    redacted = json.loads(o.to_json(picture, redact=True))
    assert redacted["observations"][0]["note"] == ""
    assert redacted["observations"][0]["kind"] == "interpretation"


@pytest.mark.english
def test_unknown_signal_is_a_clear_error() -> None:
    with pytest.raises(o.UnknownItemError, match=r"^unknown signal 'deurne/gedrag-agresief' in list 'deurne/jongeren'; "
                                                 r"did you mean 'deurne/gedrag-agressief'"):
        o.assess(DEURNE, ["deurne/gedrag-agresief"], catalog=CATALOG)
    with pytest.raises(o.UnknownItemError, match="unknown signal list"):
        o.assess("deurne/jongens", [], catalog=CATALOG)


def test_json_has_kind_and_version_and_refuses_others() -> None:
    text = o.to_json(o.assess(DEURNE, [], catalog=CATALOG))
    data = json.loads(text)
    assert (data["kind"], data["format_version"], data["level"]) == ("information_picture", 4, "low")
    for broken, message in [
        ("{", r"geen JSON: sleutel tussen dubbele aanhalingstekens verwacht \(regel 1, kolom 2\)"),
        ("[]", "een JSON-object verwacht, kreeg een lijst"),
        (json.dumps({**data, "format_version": 99}), "format_version 99 wordt niet ondersteund"),
        (json.dumps({**data, "kind": "route"}), "kind 'information_picture' verwacht, kreeg 'route'"),
        (json.dumps({**data, "level": "heel hoog"}), r"'heel hoog' is niet toegestaan; kies uit 'low', .* @ \$\.lev"),
        (json.dumps({**data, "extra": 1}), "onbekende sleutels: extra"),
        (text.encode("utf-16"), "geen UTF-8-tekst: byte 0"),
        (b"\xef\xbb\xbf" + text.encode(), "geen JSON: een BOM aan het begin"),
        ("[" * 100_000, "te diep genest"),
    ]:
        with pytest.raises(JSONFormatError, match=message):
            o.from_json(broken, o.InformationPicture)


def test_every_picture_is_pinned_to_its_list_pack_and_library() -> None:
    picture = o.assess(DEURNE, ["deurne/gedrag-agressief"], catalog=CATALOG)
    assert picture.pins is not None
    assert (picture.pins.pack, picture.pins.pack_version) == ("deurne", CATALOG.packs["deurne"].version)
    assert picture.pins.library_version == o.__version__
    assert picture.pins.list_hash.startswith("sha256:") and len(picture.pins.list_hash) == 7 + 64
    changed = attrs.evolve(DEURNE, scoring=attrs.evolve(DEURNE.scoring, thresholds=attrs.evolve(
        DEURNE.scoring.thresholds, moderate=DEURNE.scoring.thresholds.moderate + 1)))
    assert o.assess(changed, [], catalog=CATALOG).pins.list_hash != picture.pins.list_hash  # type: ignore[union-attr]
    assert o.assess(DEURNE, []).pins.pack_version == ""  # type: ignore[union-attr]  # no catalog: no version
    assert o.from_json(o.to_json(picture), o.InformationPicture) == picture


def test_a_weight_written_as_2_or_2_point_0_is_one_list_with_one_hash() -> None:
    # the lists compare equal, so the scorer caches share them: the pinned hash must not tell them apart
    whole = attrs.evolve(DEURNE, signals=tuple(attrs.evolve(s, weight=int(s.weight)) for s in DEURNE.signals
                                               if float(s.weight).is_integer()))
    written_as_float = attrs.evolve(whole, signals=tuple(attrs.evolve(s, weight=float(s.weight))
                                                         for s in whole.signals))
    assert whole == written_as_float
    assert o.serialize.content_hash(whole) == o.serialize.content_hash(written_as_float)
    for sl in (written_as_float, whole):  # whichever is assessed first fills the cache for both
        pins = o.assess(sl, []).pins
        assert pins is not None and pins.list_hash == o.serialize.content_hash(sl)


def test_a_picture_of_format_version_1_is_still_read_without_pins() -> None:
    data = json.loads(o.to_json(o.assess(DEURNE, [], catalog=CATALOG)))
    del data["pins"]
    data["format_version"] = 1
    assert o.from_json(json.dumps(data), o.InformationPicture).pins is None


def test_a_picture_of_format_version_2_is_still_read_without_basis_and_municipality() -> None:
    data = json.loads(o.to_json(o.assess(DEURNE, [], catalog=CATALOG)))
    del data["explanation"]["basis"], data["municipality"]
    data["format_version"] = 2
    picture = o.from_json(json.dumps(data), o.InformationPicture)
    assert (picture.explanation.basis, picture.municipality) == (None, "")


def test_a_picture_of_format_version_3_is_still_read_as_dutch() -> None:
    data = json.loads(o.to_json(o.assess(DEURNE, [], catalog=CATALOG, language="en")))
    del data["language"]
    data["format_version"] = 3
    assert o.from_json(json.dumps(data), o.InformationPicture).language == "nl"


def test_deurne_examples_from_the_done_criteria() -> None:
    """An ordinary combination gets the level its thresholds say."""
    ordinary = [s for s in DEURNE.signals if not s.red_flag]
    for size in range(12):
        picture = o.assess(DEURNE, [s.id for s in ordinary[:size]], catalog=CATALOG)
        t = DEURNE.scoring.thresholds
        expected = (ConcernLevel.HIGH if picture.score >= t.high else
                    ConcernLevel.MODERATE if picture.score >= t.moderate else ConcernLevel.LOW)
        assert picture.level is expected
