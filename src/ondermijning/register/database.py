"""Opening a register database: SQLite by default, PostgreSQL for a region with many users.

``--db`` (or ``ONDERMIJNING_DB``) is either a file path (SQLite; by default ``register.sqlite3``
in the user's data folder) or a ``postgresql://user@host:port/db`` URL. PostgreSQL is reached
through psycopg 3: the maintained driver, with binary wheels that carry libpq (so nothing has
to be compiled), and the one SQLAlchemy 2 recommends for new work.

SQLite is set up for a store that must not lose or half-write anything: WAL (readers do not
wait for the writer), ``synchronous=FULL`` (a commit survives a power cut), foreign keys on,
``secure_delete`` (removed rows are overwritten, not left in free pages), a long busy timeout,
and ``BEGIN IMMEDIATE`` so every transaction takes the write lock first and none has to be
retried halfway. A new file is created readable by its owner only.

Opening migrates the schema to this version with Alembic (the migrations ship in the package),
under a lock, so several processes may open a new database at once.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from ..i18n import _
from .errors import DatabaseError

DB_ENV = "ONDERMIJNING_DB"
#: Alembic's own table, named so the register can share a database with another Alembic user
VERSION_TABLE = "register_alembic_version"
#: the newest migration; a test checks it is Alembic's head
HEAD = "0003"
_LOCK_KEY = 0x6F6E646D  # pg_advisory_xact_lock key for migrations ("ondm")
SQLITE_TIMEOUT = 60.0  # seconds a writer waits for another's transaction


def default_path() -> Path:
    """The register file in the user's data folder (XDG on Linux, Application Support on macOS, LOCALAPPDATA)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "ondermijning" / "register.sqlite3"


def database_url(db: str | os.PathLike[str] | None) -> URL:
    """The SQLAlchemy URL for ``--db``: a path, a ``sqlite:///`` URL or a ``postgresql://`` URL."""
    value = os.fspath(db) if db is not None else os.environ.get(DB_ENV, "")
    if not value:
        return URL.create("sqlite+pysqlite", database=str(default_path()))
    if "://" not in value:
        return URL.create("sqlite+pysqlite", database=value)
    try:
        url = make_url(value)
    except ArgumentError:
        raise DatabaseError(_("{db}: geen geldige database-URL; geef een bestandsnaam of "
                              "postgresql://gebruiker@host:poort/database").format(db=_shown(value))) from None
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return url.set(drivername="sqlite+pysqlite")
    raise DatabaseError(_("{db}: het register werkt met SQLite (een bestandsnaam) of PostgreSQL "
                          "(postgresql://...), niet met {backend}").format(db=_shown(value), backend=backend))


def _shown(value: str) -> str:
    """A URL as it may be printed: without its password."""
    try:
        return make_url(value).render_as_string(hide_password=True)
    except ArgumentError:
        return value


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def connect(db: str | os.PathLike[str] | None = None, *, create: bool = True) -> Engine:
    """An engine for ``db``, migrated to this version; ``create=False`` refuses a SQLite file that does not exist."""
    url = database_url(db)
    if url.get_backend_name() == "sqlite":
        engine = _sqlite_engine(url, create=create)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    try:
        migrate(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise DatabaseError(_("{db}: kan de database niet openen: {reason}").format(
            db=url.render_as_string(hide_password=True), reason=_reason(exc))) from None
    return engine


def _reason(exc: SQLAlchemyError) -> str:
    original: Any = getattr(exc, "orig", None) or exc
    return str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__


def _sqlite_engine(url: URL, *, create: bool) -> Engine:
    path = Path(url.database or "")
    if url.database not in (None, "", ":memory:"):
        if path.is_dir():
            raise DatabaseError(_("{path}: is een map; geef de naam van het registerbestand").format(path=path))
        if not path.exists():
            if not create:
                raise DatabaseError(_("{path}: dit register bestaat niet; begin er een met "
                                      "'ondermijning register case new' of geef --db").format(path=path))
            if path == default_path():
                path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            elif not path.parent.is_dir():
                raise DatabaseError(_("{folder}: de map bestaat niet").format(folder=path.parent))
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                pass
            except OSError as exc:
                raise DatabaseError(_("{path}: kan het register niet aanmaken: {reason}").format(
                    path=path, reason=exc.strerror or exc)) from None
    engine = create_engine(url, connect_args={"timeout": SQLITE_TIMEOUT})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we say BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "secure_delete=ON",
                       f"busy_timeout={int(SQLITE_TIMEOUT * 1000)}"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def current_revision(engine: Engine) -> str | None:
    """The schema's migration, or None for an empty database; a database of something else is an error."""
    with engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
        if VERSION_TABLE not in names:
            if any(name.startswith("register_") for name in names):
                raise DatabaseError(_("de database heeft registertabellen zonder migratiestand; "
                                      "herstel haar uit een back-up"))
            return None
        row = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).first()
        return row[0] if row else None


def migrate(engine: Engine) -> None:
    """Bring the schema to :data:`HEAD` (nothing to do when it is there already)."""
    revision = current_revision(engine)
    if revision == HEAD:
        return
    if revision is not None and revision > HEAD:
        raise DatabaseError(_("deze database is gemaakt door een nieuwere versie van ondermijning "
                              "(migratie {revision}); werk ondermijning bij").format(revision=revision))
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.set_main_option("version_table", VERSION_TABLE)
    with engine.begin() as connection:  # SQLite: BEGIN IMMEDIATE, so one process migrates at a time
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        row = None
        if inspect(connection).has_table(VERSION_TABLE):
            row = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).first()
        if row is not None and row[0] == HEAD:
            return  # another process migrated while this one waited
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
