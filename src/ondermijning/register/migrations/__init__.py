"""Alembic migrations of the register, shipped with the package (run by ``database.migrate``).

To add one: ``alembic -c src/ondermijning/register/migrations/alembic.ini revision -m "..."``,
write ``upgrade()`` with batch operations (``op.batch_alter_table``) so it runs on SQLite too,
and set :data:`ondermijning.register.database.HEAD` to its revision.
"""
