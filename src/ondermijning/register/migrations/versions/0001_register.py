"""The register: cases, their timeline, the processing log and its head.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

GENESIS = "sha256:" + "0" * 64


def upgrade() -> None:
    meta = op.create_table(
        "register_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "register_cases",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("pseudonym", sa.String(64), nullable=False),
        sa.Column("municipality", sa.String(64), nullable=False),
        sa.Column("opened_by", sa.String(128), nullable=False),
        sa.Column("opened_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_register_cases_pseudonym", "register_cases", ["pseudonym"])
    op.create_index("ix_register_cases_municipality", "register_cases", ["municipality"])
    op.create_table(
        "register_entries",
        sa.Column("case_id", sa.String(32), sa.ForeignKey("register_cases.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("picture", sa.Text, nullable=True),
    )
    op.create_table(
        "register_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("operation", sa.String(32), nullable=False),
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("purpose", sa.Text, nullable=False),
        sa.Column("legal_basis", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("prev", sa.String(80), nullable=False),
        sa.Column("hash", sa.String(80), nullable=False),
    )
    op.create_index("ix_register_log_case_id", "register_log", ["case_id"])
    head = op.create_table(
        "register_log_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(80), nullable=False),
    )
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": GENESIS}])
    # the key of the pseudonym digests in log lines of export and erase (see docs/register.md)
    op.bulk_insert(meta, [{"key": "subject_key", "value": secrets.token_hex(32)}])


def downgrade() -> None:
    for table in ("register_log_head", "register_log", "register_entries", "register_cases", "register_meta"):
        op.drop_table(table)
