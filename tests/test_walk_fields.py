"""walk_fields with ``only`` gives exactly the fields a whole walk gives that ``only`` accepts."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ondermijning import load_catalog
from ondermijning.citations import _is_source
from ondermijning.models import FAMILIES, Example
from ondermijning.testing import strategies as ost
from ondermijning.validate import is_reference, walk_fields


def _whole(item: Any, only: Any, skip: tuple[type, ...]) -> list[tuple[str, str, str, Any]]:
    return [(owner, key, field.name, value) for owner, key, field, value in walk_fields(item, "x", skip=skip)
            if only(field)]


def _planned(item: Any, only: Any, skip: tuple[type, ...]) -> list[tuple[str, str, str, Any]]:
    return [(owner, key, field.name, value)
            for owner, key, field, value in walk_fields(item, "x", skip=skip, only=only)]


@pytest.mark.parametrize("cls", FAMILIES.values(), ids=lambda c: c.__name__)
@given(data=st.data())
def test_only_gives_what_the_whole_walk_gives(cls: type, data: st.DataObject) -> None:
    item = data.draw(ost.models(cls))
    for only, skip in ((is_reference, (Example,)), (is_reference, ()), (_is_source, ())):
        assert _planned(item, only, skip) == _whole(item, only, skip)


def test_the_bundled_catalog_walks_the_same() -> None:
    catalog = load_catalog()
    for family in FAMILIES:
        for item in catalog.family(family).values():
            for only, skip in ((is_reference, (Example,)), (_is_source, ())):
                assert _planned(item, only, skip) == _whole(item, only, skip)
