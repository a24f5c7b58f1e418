"""Lines are read when asked for: a clean load reads none, and each item's location still names its id's line."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import ondermijning as o
from ondermijning.locate import LineIndex


def test_a_clean_load_reads_no_line_index() -> None:
    catalog = o.load_catalog()
    assert catalog.line_indexes
    assert all(index._text is not None for index in catalog.line_indexes.values())


def test_a_clean_load_reads_no_translation_lines_and_each_text_still_has_its_line() -> None:
    catalog = o.load_catalog()
    english = catalog.translations["deurne", "en"]
    assert english.lines._found is None  # type: ignore[attr-defined]  # not looked up by a clean load
    text = Path(english.file).read_text(encoding="utf-8").split("\n")
    assert len(english.lines) > 100
    for key, line in english.lines.items():
        assert re.match(rf"\s*([\w-]+\.)*{re.escape(key[-1])}\s*=", text[line - 1]), (key, line, text[line - 1])


def test_every_item_is_located_at_the_line_of_its_id() -> None:
    catalog = o.load_catalog()
    checked = 0
    for item_id, provenance in catalog.provenance.items():
        where = provenance.location
        if where is None or not where.path.endswith(".id"):
            continue
        line = Path(where.file).read_text(encoding="utf-8").split("\n")[where.line - 1]
        local = item_id.partition("/")[2]
        assert re.match(rf'\s*id\s*=\s*"{re.escape(local)}"', line), (item_id, where, line)
        checked += 1
    assert checked > 200


def test_a_pack_is_located_at_its_requires_or_its_table() -> None:
    catalog = o.load_catalog()
    for pack_id in ("deurne", "nsob"):
        where = catalog.provenance[pack_id].location
        assert where is not None and where.path == "$.pack"
        line = Path(where.file).read_text(encoding="utf-8").split("\n")[where.line - 1].strip()
        assert line.startswith(("requires", "[pack")), line


def test_threads_asking_at_once_get_the_same_lines() -> None:
    text = "".join(f'[[routes]]\nid = "r{i}"\n' for i in range(3000))
    index = LineIndex(text)
    found: list[int | None] = []
    threads = [threading.Thread(target=lambda: found.append(index.line_of(("routes", 2999, "id")))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == [6000] * 4
