"""The register's tables (SQLAlchemy Core): the same schema on SQLite and PostgreSQL.

Times are ISO 8601 text in UTC, so a log entry hashes to the same value whichever database
holds it and whatever time zone it runs in. Payloads are JSON text: a picture is stored exactly
as :func:`ondermijning.to_json` writes it. Every name starts with ``register_``, so the
register can share a PostgreSQL database with other applications. The migrations in
``migrations/versions`` create these tables; a test checks that both agree.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()

#: key/value facts about this register (the key that makes pseudonym digests)
meta = Table(
    "register_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

cases = Table(
    "register_cases", metadata,
    Column("id", String(32), primary_key=True),
    Column("pseudonym", String(64), nullable=False, index=True),
    Column("municipality", String(64), nullable=False, index=True),
    Column("opened_by", String(128), nullable=False),
    Column("opened_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    Column("status", String(16), nullable=False),
    Column("version", Integer, nullable=False),
)

#: the timeline: one row per entry, never updated; (case, seq) is unique, so no entry is doubled
entries = Table(
    "register_entries", metadata,
    Column("case_id", String(32), ForeignKey("register_cases.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("kind", String(16), nullable=False),
    Column("at", String(40), nullable=False),
    Column("actor", String(128), nullable=False),
    Column("role", String(16), nullable=False),
    Column("data", Text, nullable=False),  # the entry's fields as JSON
    Column("picture", Text, nullable=True),  # to_json(picture), for assessments
)

#: the processing log: append-only, each row carries the hash of the one before
log = Table(
    "register_log", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("actor", String(128), nullable=False),
    Column("role", String(16), nullable=False),
    Column("action", String(16), nullable=False),
    Column("operation", String(32), nullable=False),
    Column("case_id", String(32), nullable=False, index=True),  # "" when no single case
    Column("purpose", Text, nullable=False),
    Column("legal_basis", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Column("prev", String(80), nullable=False),
    Column("hash", String(80), nullable=False),
)

#: one row: the log's last sequence number and hash. Every transaction locks it first, so
#: appends are serialised (the chain needs the previous hash) and a deleted last line shows.
log_head = Table(
    "register_log_head", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(80), nullable=False),
)

#: people (a local password, later an OIDC identity) and systems (API tokens), each with one role
users = Table(
    "register_users", metadata,
    Column("id", String(32), primary_key=True),
    Column("name", String(128), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),  # person | system
    Column("role", String(16), nullable=False),
    Column("municipality", String(64), nullable=False),  # "" = every municipality
    Column("password_hash", Text, nullable=True),  # argon2id; None: no local password
    Column("disabled", Boolean, nullable=False),
    Column("created_at", String(40), nullable=False),
)

#: external identities (an OIDC issuer and subject) of a user: empty until OIDC logins are added
identities = Table(
    "register_identities", metadata,
    Column("issuer", String(255), primary_key=True),
    Column("subject", String(255), primary_key=True),
    Column("user_id", String(32), ForeignKey("register_users.id", ondelete="CASCADE"), nullable=False),
)

#: API tokens: only the SHA-256 of the secret is kept (the secret is shown once)
tokens = Table(
    "register_tokens", metadata,
    Column("id", String(32), primary_key=True),
    Column("user_id", String(32), ForeignKey("register_users.id", ondelete="CASCADE"), nullable=False),
    Column("secret_hash", String(80), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
    Column("revoked", Boolean, nullable=False),
)

#: browser sessions: the SHA-256 of the cookie's secret, the session's CSRF token, its end
sessions = Table(
    "register_sessions", metadata,
    Column("id_hash", String(80), primary_key=True),
    Column("user_id", String(32), ForeignKey("register_users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf", String(80), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
)

#: failed logins per name and per client address (keyed hashes, never the text), for the login limit
#: (``limits.py``); a row goes once ``until`` has passed: the end of its window, or of its lock
login_failures = Table(
    "register_login_failures", metadata,
    Column("key", String(80), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("until", String(40), nullable=False),
)
