"""Users, tokens and the log check over the API, under ``/api/v1/register``: for administrators.

An administrator manages users and reads no case; every change is a line in the processing log.
"""

from __future__ import annotations

from typing import Any

from litestar import get, post
from litestar.params import FromPath, JSONBody

from ...converter import converter
from ...i18n import N_
from ...register.accounts import User
from ...register.render import CASE_FORMAT_VERSION
from ..api.wire import ModelDTO
from .api_cases import TAGS, CallerDep
from .bodies import RegisterTokenRequest, RegisterUserRequest
from .context import RegisterDep

RESPONSES = {"listRegisterUsers": "RegisterUser[]", "createRegisterUser": "RegisterUser",
             "disableRegisterUser": "RegisterUser", "issueRegisterToken": "RegisterTokenDocument",
             "verifyRegisterLog": "RegisterLogCheck"}


def user_data(user: User) -> dict[str, Any]:
    data: dict[str, Any] = converter.unstructure(user)
    return data


@get("/users", operation_id="listRegisterUsers", summary=N_("Alle gebruikers"), tags=TAGS, sync_to_thread=True)
def list_users(register_site: RegisterDep, caller: CallerDep) -> list[dict[str, Any]]:
    """Every user with role, municipality and whether they are disabled (administrators)."""
    return [user_data(u) for u in register_site.accounts.users(caller)]


@post("/users", dto=ModelDTO[RegisterUserRequest], return_dto=None, status_code=201,
      operation_id="createRegisterUser", summary=N_("Een gebruiker toevoegen"), tags=TAGS, sync_to_thread=True)
def create_user(data: JSONBody[RegisterUserRequest], register_site: RegisterDep, caller: CallerDep) -> dict[str, Any]:
    """A new person (with ``password``, at least 12 characters) or system (then issue it a token)."""
    user = register_site.accounts.add_user(caller, data.name, role=data.role, municipality=data.municipality,
                                           kind=data.kind, password=data.password)
    return user_data(user)


@post("/users/{name:str}/disable", status_code=200, operation_id="disableRegisterUser",
      summary=N_("Een gebruiker uitschakelen"), tags=TAGS, sync_to_thread=True)
def disable_user(register_site: RegisterDep, caller: CallerDep, name: FromPath[str]) -> dict[str, Any]:
    """The user can no longer log in or use a token; their sessions end."""
    accounts = register_site.accounts
    accounts.disable(caller, name)
    return user_data(next(u for u in accounts.users(caller) if u.name == name))


@post("/users/{name:str}/tokens", dto=ModelDTO[RegisterTokenRequest], return_dto=None, status_code=201,
      operation_id="issueRegisterToken", summary=N_("Een API-token uitgeven"), tags=TAGS, sync_to_thread=True)
def issue_token(data: JSONBody[RegisterTokenRequest], register_site: RegisterDep, caller: CallerDep,
                name: FromPath[str]) -> dict[str, Any]:
    """A new API token for a user: shown once, in this answer; only its hash is kept."""
    token = register_site.accounts.issue_token(caller, name, days=data.days)
    return {"kind": "register_token", "format_version": CASE_FORMAT_VERSION, "user": name, "token": token}


@get("/log/verify", operation_id="verifyRegisterLog", summary=N_("Het verwerkingslogboek controleren"), tags=TAGS,
     sync_to_thread=True)
def verify_log(register_site: RegisterDep, caller: CallerDep) -> dict[str, Any]:
    """Walk the processing log's hash chain: how many lines, the head's hash, every break (administrators and
    coordinators). Note the head now and then elsewhere: it pins the log up to that line."""
    data: dict[str, Any] = converter.unstructure(register_site.register.verify(actor=caller))
    return data


HANDLERS = [list_users, create_user, disable_user, issue_token, verify_log]
