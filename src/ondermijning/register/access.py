"""Who may do what in the register: one table, checked by the store for every operation.

- a **reporter** opens cases and adds pictures to the cases they opened, and sees of those
  cases only the status and the feedback meant for them;
- a **coordinator** reads and works the cases of their municipality (any municipality when the
  actor has none: someone at the command line who holds the database itself), answers access
  and erasure requests, purges, backs up and reads the log;
- an **administrator** manages users, purges, backs up and reads the log, and reads no case.

A refusal is itself a line in the processing log. The API and pages (``ondermijning serve``)
ask the same function, so a role means the same on every path.
"""

from __future__ import annotations

import enum

from .model import Actor, Case, Role


class Permission(enum.Enum):
    OPEN_CASE = "open-case"
    ADD_PICTURE = "add-picture"  # assess a case
    WRITE_CASE = "write-case"  # judge, act, feedback, reassess, close
    READ_CASE = "read-case"  # the whole case
    READ_STATUS = "read-status"  # the status and the reporter's feedback only
    EXPORT = "export"  # a person's data, for an access request (AVG art. 15)
    ERASE = "erase"  # a person's data removed (AVG art. 17)
    PURGE = "purge"
    BACKUP = "backup"
    READ_LOG = "read-log"
    MANAGE_USERS = "manage-users"


_ALLOWED: dict[Role, frozenset[Permission]] = {
    Role.REPORTER: frozenset({Permission.OPEN_CASE, Permission.ADD_PICTURE, Permission.READ_STATUS}),
    Role.COORDINATOR: frozenset(set(Permission) - {Permission.MANAGE_USERS}),
    Role.ADMINISTRATOR: frozenset({Permission.MANAGE_USERS, Permission.PURGE, Permission.BACKUP,
                                   Permission.READ_LOG}),
}
#: permissions that concern one case, and so depend on whose case it is
_PER_CASE = frozenset({Permission.ADD_PICTURE, Permission.WRITE_CASE, Permission.READ_CASE,
                       Permission.READ_STATUS, Permission.OPEN_CASE, Permission.EXPORT, Permission.ERASE})


def allowed(actor: Actor, permission: Permission, case: Case | None = None, *, municipality: str = "") -> bool:
    """Whether ``actor`` may do ``permission`` (to ``case``, or in ``municipality`` when opening one)."""
    if permission not in _ALLOWED[actor.role]:
        return False
    if permission not in _PER_CASE:
        return True
    where = case.municipality if case is not None else municipality
    if actor.municipality and where and actor.municipality != where:
        return False
    if actor.role is Role.REPORTER and case is not None:
        return case.opened_by == actor.name
    return True
