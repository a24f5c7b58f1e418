"""``register backup FILE``: a consistent copy of the whole register as one SQLite file.

From SQLite, SQLite's online backup API copies the database page by page while others keep
working; from PostgreSQL, every table is copied in one snapshot (``REPEATABLE READ``) into a
new SQLite register with the same schema. Either way the copy is a register that ``--db FILE``
opens and ``log --verify`` checks. The copy is written to a temporary file beside FILE and
renamed when complete, so a failed backup leaves no half file; an existing FILE is replaced
only with ``force``. The backup is logged (before the copy, so the copy holds its own line).

A backup holds every case: keep it as safe as the register, and no longer than the shortest
retention it must respect (purge does not reach into copies).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy import Engine, delete, insert, select, update

from ..fileio import WriteError
from ..i18n import _
from . import tables as t
from .database import connect, is_sqlite

_BATCH = 500


def check_target(path: Path, *, force: bool) -> None:
    """Refuse a target that exists (without ``force``), is not a regular file, or lies in no folder."""
    if path.is_dir():
        raise WriteError(_("{path}: is een map; geef een bestandsnaam").format(path=path))
    if path.exists() and not force:
        raise WriteError(_("{path}: bestaat al; gebruik --force om het te vervangen").format(path=path))
    if path.exists() and not path.is_file():
        raise WriteError(_("{path}: is geen gewoon bestand").format(path=path))
    if not path.parent.is_dir():
        raise WriteError(_("{folder}: de map bestaat niet").format(folder=path.parent))


def copy_to(engine: Engine, path: Path) -> None:
    """Write a copy of the register on ``engine`` to ``path`` (atomically)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        if is_sqlite(engine):
            _sqlite_copy(engine, temporary)
        else:
            Path(temporary).unlink()
            _table_copy(engine, temporary)
        Path(temporary).chmod(0o600)
        Path(temporary).replace(path)
    except BaseException:
        for leftover in (temporary, temporary + "-wal", temporary + "-shm"):
            with contextlib.suppress(OSError):
                Path(leftover).unlink()
        raise


def _sqlite_copy(engine: Engine, temporary: str) -> None:
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        target = sqlite3.connect(temporary)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            target.close()
    finally:
        raw.close()


def _table_copy(engine: Engine, temporary: str) -> None:
    copy = connect(temporary)  # a new register of this version: the same tables, migrated
    try:
        with engine.connect() as source, copy.begin() as target:
            source.execution_options(isolation_level="REPEATABLE READ")
            with source.begin():
                target.execute(delete(t.meta))
                for table in (t.meta, t.cases, t.entries, t.log):
                    rows = source.execute(select(table)).mappings()
                    while batch := rows.fetchmany(_BATCH):
                        target.execute(insert(table), [dict(row) for row in batch])
                head = source.execute(select(t.log_head)).one()
                target.execute(update(t.log_head).where(t.log_head.c.id == 1).values(seq=head.seq, hash=head.hash))
    finally:
        copy.dispose()
