"""Models: lossless cattrs round-trips for every family, invariants held by validators."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ondermijning.converter import converter
from ondermijning.models import FAMILIES, ConcernLevel, Pack, Signal, Source
from ondermijning.testing import strategies as ost


@pytest.mark.parametrize("cls", [*FAMILIES.values(), Pack], ids=lambda c: c.__name__)
@given(data=st.data())
def test_round_trip_through_plain_data(cls: type, data: st.DataObject) -> None:
    item = data.draw(ost.models(cls))
    plain = converter.unstructure(item)
    assert converter.structure(plain, cls) == item


def test_concern_levels_are_ordered() -> None:
    assert ConcernLevel.LOW < ConcernLevel.MODERATE < ConcernLevel.HIGH
    assert max(ConcernLevel) is ConcernLevel.HIGH
    assert [level.label for level in sorted(ConcernLevel, reverse=True)] == ["hoog", "matig", "laag"]


def test_models_are_frozen_and_hashable() -> None:
    signal = Signal(id="s", category="gedrag", text="t", source=Source("p"), themes=["core/drugs"])
    assert signal.themes == ("core/drugs",)  # lists become tuples
    assert hash(signal)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        signal.weight = 3  # type: ignore[misc]


@pytest.mark.parametrize("weight", [-1, -0.5])
def test_negative_weights_are_refused(weight: float) -> None:
    with pytest.raises(ValueError, match="weight moet 0 of meer zijn, niet "):
        Signal(id="s", category="gedrag", text="t", source=Source("p"), weight=weight)


def test_strategies_refuse_what_is_not_a_model() -> None:
    with pytest.raises(TypeError, match=r"models\(\) heeft een modelklasse van ondermijning nodig"):
        ost.models(int)  # type: ignore[type-var]
