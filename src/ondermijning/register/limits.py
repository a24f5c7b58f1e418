"""A limit on failed logins, per name typed and per client address, kept in the register's database.

After :data:`NAME_FAILURES` failed logins under one name, or :data:`CLIENT_FAILURES` from one
client address, within :data:`WINDOW_MINUTES`, that name or address is locked until
:data:`WINDOW_MINUTES` after the failure that reached the limit. A locked login is answered as a
wrong password (the same page, the same argon2 work) and logged as ``denied`` with ``locked`` in
its detail; attempts during a lock do not lengthen it. A successful login clears the name's
failures, not the address's (an account of one's own must not reset the count for guessing others).

The counters live in ``register_login_failures``, so they hold across workers and restarts; each
is read and written while the transaction holds the log head, which serialises logins. What is
kept is a keyed hash (HMAC-SHA256, the register's own key) of the name or address, never the
text: people type their password into the name field, and an address is personal data. A row
is removed once its window has passed (at the next login), so nothing is kept longer than
:data:`WINDOW_MINUTES` after the last failure's window.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from sqlalchemy import delete, insert, select, update

from . import tables as t
from .codec import timestamp
from .store import Transaction

NAME_FAILURES = 5  # failed logins under one name ...
CLIENT_FAILURES = 20  # ... or from one address (an office behind one NAT address has many people) ...
WINDOW_MINUTES = 15  # ... within this many minutes lock it for this many minutes


def _key(tx: Transaction, kind: str, value: str) -> str:
    secret = bytes.fromhex(tx.meta("subject_key"))
    return "hmac-sha256:" + hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


class LoginLimit:
    """The failure counters of one login attempt: a name and, when known, a client address."""

    def __init__(self, tx: Transaction, name: str, client: str) -> None:
        """Read the counters (taking the log head first, so no other login changes them meanwhile)."""
        tx.lock_head()
        tx.connection.execute(delete(t.login_failures).where(t.login_failures.c.until <= timestamp(tx.now)))
        self._tx = tx
        self._limits = {_key(tx, "name", name): ("name", NAME_FAILURES)}
        if client:
            self._limits[_key(tx, "client", client)] = ("client", CLIENT_FAILURES)
        rows = tx.connection.execute(select(t.login_failures)
                                     .where(t.login_failures.c.key.in_(list(self._limits)))).all()
        self._failures = {row.key: row.failures for row in rows}

    @property
    def locked(self) -> list[str]:
        """What is locked for this attempt: ``"name"``, ``"client"``, both or neither."""
        return [kind for key, (kind, limit) in self._limits.items() if self._failures.get(key, 0) >= limit]

    def failed(self) -> None:
        """Count a failed login; the failure that reaches a limit starts the lock."""
        if self.locked:
            return  # a lock is not lengthened by knocking on it
        end = timestamp(self._tx.now + datetime.timedelta(minutes=WINDOW_MINUTES))
        for key, (_kind, limit) in self._limits.items():
            failures = self._failures.get(key, 0) + 1
            if key not in self._failures:
                self._tx.connection.execute(insert(t.login_failures).values(key=key, failures=1, until=end))
            else:
                values: dict[str, object] = {"failures": failures}
                if failures >= limit:
                    values["until"] = end
                self._tx.connection.execute(update(t.login_failures).where(t.login_failures.c.key == key)
                                            .values(**values))

    def succeeded(self) -> None:
        """Clear the name's failures (the address's stay)."""
        names = [key for key, (kind, _limit) in self._limits.items() if kind == "name"]
        self._tx.connection.execute(delete(t.login_failures).where(t.login_failures.c.key.in_(names)))

