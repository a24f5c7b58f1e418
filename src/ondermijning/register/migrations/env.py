"""Alembic's environment: migrate the connection ``database.migrate`` hands over."""

from __future__ import annotations

from alembic import context

from ondermijning.register.tables import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - the command line tool without a connection
    raise SystemExit("run migrations through ondermijning.register.database.migrate()")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                  version_table=config.get_main_option("version_table") or "register_alembic_version")
with context.begin_transaction():
    context.run_migrations()
