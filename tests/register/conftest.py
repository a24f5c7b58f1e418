"""Every register test runs twice: on a SQLite file and on a real PostgreSQL server.

The server is started once per test session in a temporary folder (``tests/pgserver.py``);
each test gets a database of its own. ``.ci/run`` installs PostgreSQL when it is missing, so
in CI (``CI`` set) a missing server fails the run instead of skipping.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ondermijning.assemble import load_catalog
from ondermijning.catalog import Catalog
from ondermijning.register.model import Actor, Role
from ondermijning.register.service import Register

from ..pgserver import PostgresServer, find_binaries

BACKENDS = ("sqlite", "postgresql")
_numbers = itertools.count()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    binaries = find_binaries()
    if binaries is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed; .ci/run installs Debian's postgresql")
        pytest.skip("PostgreSQL is not installed here (initdb, pg_ctl); .ci/run installs it, "
                    "or: apt-get install postgresql")
    server = PostgresServer(binaries).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty register database: a SQLite path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "register.sqlite3")
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.create_database(f"register_{os.getpid()}_{next(_numbers)}")


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


OpenRegister = Callable[..., Register]


@pytest.fixture
def open_register(db: str, catalog: Catalog) -> Iterator[OpenRegister]:
    """``open_register()`` -> a Register on this test's database (disposed at the end)."""
    opened: list[Register] = []

    def make(catalog_: Catalog | None = None, **kwargs: object) -> Register:
        register = Register.open(db, catalog=catalog_ or catalog, **kwargs)  # type: ignore[arg-type]
        opened.append(register)
        return register

    yield make
    for register in opened:
        register.dispose()


@pytest.fixture
def register(open_register: OpenRegister) -> Register:
    return open_register()


COORDINATOR = Actor(name="coördinator-1", role=Role.COORDINATOR)
