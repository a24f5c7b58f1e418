"""Accounts: who may use the register through the API and the pages, and how they prove it.

Two kinds of user, each with one role (:class:`~.model.Role`) and, for reporters and
coordinators, a municipality:

- **people** log in with a local password (hashed with argon2id, via argon2-cffi) and get a
  session: a random secret for an HttpOnly cookie, of which only the SHA-256 is stored, and a
  CSRF token that every form of that session must carry;
- **systems** (a municipal app, a case system) send an API token ``om_<id>_<secret>``; only the
  secret's SHA-256 is stored, the token is shown once.

Failed logins are limited per name and per client address (:mod:`.limits`). Logins (and failed
ones), logouts, failed tokens and every change to users and tokens are lines
in the processing log. Authenticating is separate from the rest, and every way in ends at a
:class:`User` and its :class:`~.model.Actor`: an OIDC login can be added later as one more way
in, mapping an issuer and subject (the ``register_identities`` table) to a user.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re
import secrets
from typing import Any

import attrs
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update

from ..i18n import _
from ..models.common import LOCAL_ID
from . import tables as t
from .access import Permission, allowed
from .codec import detail, moment, timestamp
from .errors import InvalidInput, Refused
from .limits import LoginLimit
from .model import Actor, Role
from .store import Store, Transaction

SESSION_HOURS = 8  # a working day; then log in again
TOKEN_DAYS = 365
MIN_PASSWORD = 12
_NAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,127}$")
_hasher = PasswordHasher()  # argon2id with argon2-cffi's current defaults
_DUMMY = _hasher.hash(secrets.token_hex(16))  # verified against for unknown names: no timing difference


@attrs.frozen(kw_only=True)
class User:
    id: str
    name: str
    kind: str  # "person" or "system"
    role: Role
    municipality: str = ""
    disabled: bool = False

    @property
    def actor(self) -> Actor:
        return Actor(name=self.name, role=self.role, municipality=self.municipality)


@attrs.frozen(kw_only=True)
class Session:
    """A logged-in person: ``secret`` goes into the cookie (and nowhere else), ``csrf`` into every form."""

    secret: str
    csrf: str
    user: User
    expires: datetime.datetime


def _digest(secret: str) -> str:
    return "sha256:" + hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _user(row: Any) -> User:
    return User(id=row.id, name=row.name, kind=row.kind, role=Role(row.role), municipality=row.municipality,
                disabled=bool(row.disabled))


class Accounts:
    """Users, tokens and sessions on a register's database."""

    def __init__(self, store: Store, clock: Any = None, *, hasher: PasswordHasher | None = None) -> None:
        """``hasher``: the argon2id parameters for new hashes (default: argon2-cffi's); a hash keeps its own,
        so every stored password verifies whatever the parameters now, and is rehashed at its next login."""
        self.store = store
        self._clock = clock or (lambda: datetime.datetime.now(datetime.timezone.utc))
        self._hasher = hasher or _hasher

    # managing users (administrators) ---------------------------------------------------------
    def add_user(self, actor: Actor, name: str, *, role: Role, municipality: str = "", kind: str = "person",
                 password: str | None = None) -> User:
        """A new user; a person with ``password`` can log in, a system gets tokens with :meth:`issue_token`."""
        if not _NAME.match(name):
            raise InvalidInput(_("{name!r}: een gebruikersnaam is 2 tot 128 kleine letters, cijfers, '.', '_', '@' "
                                 "of '-'").format(name=name))
        if kind not in ("person", "system"):
            raise InvalidInput(_("soort {kind!r}: kies person of system").format(kind=kind))
        if role is not Role.ADMINISTRATOR and not municipality:
            raise InvalidInput(_("een melder of coördinator hoort bij een gemeente: geef de gemeente"))
        if municipality and not LOCAL_ID.match(municipality):
            raise InvalidInput(_("gemeente {municipality!r}: geef het id van haar pack, zoals deurne").format(
                municipality=municipality[:64]))
        hashed = self._hasher.hash(_checked(password)) if password is not None else None
        with self.store.transaction(self._clock()) as tx:
            self._may_manage(tx, actor, "user-add")
            if tx.connection.execute(select(t.users.c.id).where(t.users.c.name == name)).first():
                raise InvalidInput(_("gebruiker {name} bestaat al").format(name=name))
            user = User(id=secrets.token_hex(6), name=name, kind=kind, role=role, municipality=municipality)
            tx.connection.execute(insert(t.users).values(
                id=user.id, name=name, kind=kind, role=role.value, municipality=municipality, password_hash=hashed,
                disabled=False, created_at=timestamp(tx.now)))
            tx.log(actor, "write", "user-add", purpose=_("gebruikersbeheer"),
                   detail=detail(user=name, role=role.value, municipality=municipality, kind=kind))
        return user

    def set_password(self, actor: Actor, name: str, password: str) -> None:
        hashed = self._hasher.hash(_checked(password))
        self._change(actor, name, "user-password", password_hash=hashed)

    def disable(self, actor: Actor, name: str) -> None:
        """The user can no longer log in or use a token; their sessions end."""
        self._change(actor, name, "user-disable", disabled=True)

    def users(self, actor: Actor) -> list[User]:
        with self.store.transaction(self._clock()) as tx:
            self._may_manage(tx, actor, "user-list")
            rows = tx.connection.execute(select(t.users).order_by(t.users.c.name)).all()
        return [_user(row) for row in rows]

    def issue_token(self, actor: Actor, name: str, *, days: int = TOKEN_DAYS) -> str:
        """A new API token for user ``name``; shown once, only its hash is kept."""
        if not 1 <= days <= 3650:
            raise InvalidInput(_("een token geldt 1 tot 3650 dagen"))
        token_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
        with self.store.transaction(self._clock()) as tx:
            self._may_manage(tx, actor, "token-issue")
            user = self._find(tx, name)
            tx.connection.execute(insert(t.tokens).values(
                id=token_id, user_id=user.id, secret_hash=_digest(secret), created_at=timestamp(tx.now),
                expires_at=timestamp(tx.now + datetime.timedelta(days=days)), revoked=False))
            tx.log(actor, "write", "token-issue", purpose=_("gebruikersbeheer"),
                   detail=detail(user=name, token=token_id))
        return f"om_{token_id}_{secret}"

    def revoke_token(self, actor: Actor, token_id: str) -> None:
        with self.store.transaction(self._clock()) as tx:
            self._may_manage(tx, actor, "token-revoke")
            tx.connection.execute(update(t.tokens).where(t.tokens.c.id == token_id).values(revoked=True))
            tx.log(actor, "write", "token-revoke", purpose=_("gebruikersbeheer"), detail=detail(token=token_id))

    # proving who you are ----------------------------------------------------------------------
    def login(self, name: str, password: str, *, client: str = "") -> Session | None:
        """A new session for a person whose password matches, or None; both outcomes are logged.

        ``client`` is the address the attempt came from (the pages pass it): failed logins are
        limited per name and per address (:mod:`.limits`), and a locked login answers None as a
        wrong password does, logged with ``locked`` in its detail.
        """
        with self.store.transaction(self._clock()) as tx:
            row = self._named(tx, name)
            stored: str | None = row.password_hash if row is not None and row.kind == "person" else None
            matches = _verify(stored or _DUMMY, password)  # also for an unknown name: the same time either way
            limit = LoginLimit(tx, name, client)  # after the slow part: it holds the log head
            locked = limit.locked
            if row is None or stored is None or row.disabled or not matches or locked:
                limit.failed()
                # an unknown name is not logged: people type their password into the name field
                tx.log(Actor(name=row.name if row is not None else "?", role=Role.REPORTER), "denied", "login",
                       purpose=_("aanmelden"),
                       detail=detail(known=row is not None, **({"locked": locked} if locked else {})),
                       role=row.role if row is not None else "")
                return None
            limit.succeeded()
            if self._hasher.check_needs_rehash(stored):
                tx.connection.execute(update(t.users).where(t.users.c.id == row.id)
                                      .values(password_hash=self._hasher.hash(password)))
            return self._open_session(tx, _user(row), "password")

    def _open_session(self, tx: Transaction, user: User, method: str) -> Session:
        """A new session for ``user``, who proved who they are by ``method``; expired sessions go.

        Every way for a person to log in ends here: a password (:meth:`login`), and later an OIDC
        login, which would find the user by issuer and subject in ``register_identities`` and call this.
        """
        tx.connection.execute(delete(t.sessions).where(t.sessions.c.expires_at <= timestamp(tx.now)))
        secret, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        expires = tx.now + datetime.timedelta(hours=SESSION_HOURS)
        tx.connection.execute(insert(t.sessions).values(
            id_hash=_digest(secret), user_id=user.id, csrf=csrf, created_at=timestamp(tx.now),
            expires_at=timestamp(expires)))
        tx.log(user.actor, "login", "login", purpose=_("aanmelden"), detail=detail(kind=method))
        return Session(secret=secret, csrf=csrf, user=user, expires=expires)

    def session(self, secret: str) -> Session | None:
        """The live session for a cookie's secret, or None (unknown, expired, or its user disabled)."""
        with self.store.engine.connect() as connection:
            row = connection.execute(
                select(t.sessions.c.csrf, t.sessions.c.expires_at, *t.users.c)
                .join(t.users, t.users.c.id == t.sessions.c.user_id)
                .where(t.sessions.c.id_hash == _digest(secret))).first()
        if row is None or row.disabled or moment(row.expires_at) <= self._clock():
            return None
        return Session(secret=secret, csrf=row.csrf, user=_user(row), expires=moment(row.expires_at))

    def logout(self, session: Session) -> None:
        with self.store.transaction(self._clock()) as tx:
            tx.connection.execute(delete(t.sessions).where(t.sessions.c.id_hash == _digest(session.secret)))
            tx.log(session.user.actor, "login", "logout", purpose=_("afmelden"))

    def token_user(self, token: str) -> User | None:
        """The user an API token belongs to, or None; a token that does not fit is logged.

        The log names the token's id only when it is one of the register's tokens (revoked, expired,
        or sent with a wrong secret): any other text someone sends as a token may be a secret of theirs.
        """
        parts = token.split("_", 2)
        row = None
        if len(parts) == 3 and parts[0] == "om" and "\x00" not in parts[1]:
            with self.store.engine.connect() as connection:
                row = connection.execute(
                    select(t.tokens.c.secret_hash, t.tokens.c.revoked, t.tokens.c.expires_at, *t.users.c)
                    .join(t.users, t.users.c.id == t.tokens.c.user_id)
                    .where(t.tokens.c.id == parts[1])).first()
        if (row is None or row.revoked or row.disabled or moment(row.expires_at) <= self._clock()
                or not hmac.compare_digest(row.secret_hash, _digest(parts[2]))):
            with self.store.transaction(self._clock()) as tx:
                tx.log(Actor(name="?", role=Role.REPORTER), "denied", "token", purpose=_("aanmelden"),
                       detail=detail(token=parts[1] if row is not None else ""), role="")
            return None
        return _user(row)

    def csrf_ok(self, session: Session, token: str) -> bool:
        """Whether a form's CSRF token is this session's (compared in constant time)."""
        return bool(token) and hmac.compare_digest(session.csrf, token)

    # the parts --------------------------------------------------------------------------------
    def _may_manage(self, tx: Transaction, actor: Actor, operation: str) -> None:
        if not allowed(actor, Permission.MANAGE_USERS):
            tx.log(actor, "denied", operation, purpose=_("gebruikersbeheer"))
            raise Refused(_("{role} {actor} mag geen gebruikers beheren").format(role=actor.role.value,
                                                                               actor=actor.name))

    @staticmethod
    def _named(tx: Transaction, name: str) -> Any:
        """The user row called ``name``, or None (a name with NUL is nobody's; PostgreSQL cannot compare it)."""
        if "\x00" in name:
            return None
        return tx.connection.execute(select(t.users).where(t.users.c.name == name)).first()

    def _find(self, tx: Transaction, name: str) -> User:
        row = self._named(tx, name)
        if row is None:
            raise InvalidInput(_("gebruiker {name!r} bestaat niet").format(name=name))
        return _user(row)

    def _change(self, actor: Actor, name: str, operation: str, **values: Any) -> None:
        with self.store.transaction(self._clock()) as tx:
            self._may_manage(tx, actor, operation)
            user = self._find(tx, name)
            tx.connection.execute(update(t.users).where(t.users.c.id == user.id).values(**values))
            if values.get("disabled"):
                tx.connection.execute(delete(t.sessions).where(t.sessions.c.user_id == user.id))
            tx.log(actor, "write", operation, purpose=_("gebruikersbeheer"), detail=detail(user=name))


def _checked(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(_("een wachtwoord heeft minstens {n} tekens").format(n=MIN_PASSWORD))
    return password


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False
