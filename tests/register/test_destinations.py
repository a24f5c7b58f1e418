"""A plugin sends a municipality's pictures to its own case system; the register keeps only the receipt.

The test plugin is a small case system of its own: it writes each picture it receives to a
folder, as a municipality's zaaksysteem would store a document, and answers with its reference.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from ondermijning import from_json, hookimpl, load_catalog
from ondermijning.destinations import PictureDestination, Receipt, Submission
from ondermijning.models import ConcernLevel
from ondermijning.models.picture import InformationPicture, Judgement
from ondermijning.register import tables as t
from ondermijning.register.errors import Conflict, InvalidInput
from ondermijning.register.model import SentPicture
from ondermijning.serialize import to_json

from .conftest import COORDINATOR, OpenRegister


class FolderCaseSystem:
    """A municipal case system that files every picture it receives in a folder."""

    def __init__(self, folder: Path, *, refuse: bool = False) -> None:
        self.folder = folder
        self.refuse = refuse
        folder.mkdir(exist_ok=True)

    def send(self, submission: Submission) -> Receipt:
        if self.refuse:
            raise ConnectionError("zaaksysteem niet bereikbaar")
        number = len(list(self.folder.iterdir())) + 1
        document = {"submission": submission.id, "case": submission.case, "pseudonym": submission.pseudonym,
                    "by": submission.actor, "picture": json.loads(to_json(submission.picture))}
        (self.folder / f"DEU-{number:04}.json").write_text(json.dumps(document), encoding="utf-8")
        return Receipt(reference=f"DEU-{number:04}")

    @hookimpl
    def ondermijning_picture_destinations(self) -> list[PictureDestination]:
        return [PictureDestination(id="deurne/zaaksysteem", municipality="deurne", name="Zaaksysteem Deurne",
                                   send=self.send)]


def test_pictures_go_to_the_case_system_and_the_register_keeps_the_receipt(open_register: OpenRegister,
                                                                            tmp_path: Path) -> None:
    system = FolderCaseSystem(tmp_path / "zaaksysteem")
    register = open_register(load_catalog(plugins=[system]))
    case = register.new_case(COORDINATOR, pseudonym="D-2026-5", municipality="deurne").id
    entry = register.assess(COORDINATOR, case, "deurne/jongeren", ["gedrag-agressief", "school-spijbelt"])
    register.judge(COORDINATOR, case, Judgement(level=ConcernLevel.LOW, reason="samen"))

    assert isinstance(entry.item, SentPicture)
    assert (entry.item.destination, entry.item.reference) == ("deurne/zaaksysteem", "DEU-0001")
    filed = json.loads((system.folder / "DEU-0001.json").read_text(encoding="utf-8"))
    assert filed["submission"] == f"{case}:1" and filed["pseudonym"] == "D-2026-5"
    picture = from_json(json.dumps(filed["picture"]), InformationPicture)
    assert picture.pins is not None and entry.item.pins == picture.pins
    with register.engine.connect() as connection:
        rows = connection.execute(select(t.entries.c.picture, t.entries.c.data)).all()
    assert all(row.picture is None for row in rows)  # the picture itself is not in the register
    assert not any("gedrag-agressief" in row.data for row in rows)
    with pytest.raises(InvalidInput, match="Zaaksysteem Deurne"):
        register.reassess(COORDINATOR, case)
    assert register.verify().ok


def test_a_case_system_that_refuses_leaves_nothing_recorded(open_register: OpenRegister, tmp_path: Path) -> None:
    system = FolderCaseSystem(tmp_path / "zaaksysteem", refuse=True)
    register = open_register(load_catalog(plugins=[system]))
    case = register.new_case(COORDINATOR, pseudonym="D-2026-6", municipality="deurne").id
    before = register.store.counts()
    with pytest.raises(Conflict, match="niet bereikbaar; er is niets vastgelegd"):
        register.assess(COORDINATOR, case, "deurne/jongeren", ["school-spijbelt"])
    assert register.store.counts() == before


def test_other_municipalities_keep_using_the_register(open_register: OpenRegister, tmp_path: Path) -> None:
    system = FolderCaseSystem(tmp_path / "zaaksysteem")
    register = open_register(load_catalog(plugins=[system]))
    case = register.new_case(COORDINATOR, pseudonym="N-2026-6", municipality="nieuwegein").id
    entry = register.assess(COORDINATOR, case, "deurne/jongeren", ["school-spijbelt"])
    assert not isinstance(entry.item, SentPicture) and list(system.folder.iterdir()) == []
