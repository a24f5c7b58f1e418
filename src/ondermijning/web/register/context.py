"""What every register request reads: the register, its accounts, and the catalog's site."""

from __future__ import annotations

import attrs
from litestar.di import NamedDependency

from ...register.accounts import Accounts
from ...register.service import Register


@attrs.define(eq=False)
class RegisterSite:
    """The register a served app works on, and the accounts that say who may use it."""

    register: Register
    accounts: Accounts

    @classmethod
    def of(cls, register: Register) -> RegisterSite:
        return cls(register=register, accounts=Accounts(register.store))


#: how a handler asks for the register: ``register_site: RegisterDep`` (injected by name)
RegisterDep = NamedDependency[RegisterSite]
