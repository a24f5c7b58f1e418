"""A pack's own description: who publishes it, which version, what it needs."""

import re
from collections.abc import Mapping
from typing import Any

import attrs

from ..i18n import _
from ..model_base import Model
from .common import TEXT, InvalidFieldError, as_tuple, is_id, prose

# semver 2.0.0, from semver.org (the regex the spec recommends, without named groups); matched
# with fullmatch, so a trailing newline is not part of a version
SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)


def _check_pack_id(_inst: object, attribute: "attrs.Attribute[Any]", value: str) -> None:
    if not is_id(value, qualified=False):
        msg = _("{value!r} is geen geldige pack-id: gebruik kleine letters, cijfers, '.', '_' of '-'")
        msg = msg.format(value=value)
        raise InvalidFieldError(attribute.name, msg)


def _check_version(_inst: object, attribute: "attrs.Attribute[Any]", value: str) -> None:
    from packaging.version import InvalidVersion, Version

    if not isinstance(value, str) or not SEMVER.fullmatch(value):
        msg = _("{value!r} is geen semantische versie zoals '1.0.0'").format(value=value)
        raise InvalidFieldError(attribute.name, msg)
    try:  # `requires` ranges compare versions as PEP 440 does; a version they cannot read is never met
        Version(value)
    except InvalidVersion:
        msg = _("{value!r} is een semantische versie die versiebereiken niet kunnen vergelijken (PEP 440); "
                "schrijf een voorlopige versie als '1.0.0-alpha.1', '1.0.0-beta.2' of '1.0.0-rc.1'").format(value=value)
        raise InvalidFieldError(attribute.name, msg) from None


def _check_requires(_inst: object, attribute: "attrs.Attribute[Any]", value: Mapping[str, str]) -> None:
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    for pack_id, spec in value.items():
        if not is_id(pack_id, qualified=False):
            raise InvalidFieldError(attribute.name, _("{value!r} is geen geldige pack-id").format(value=pack_id))
        try:
            SpecifierSet(spec)
        except InvalidSpecifier:
            msg = _("{pack} = {spec!r} is geen versiebereik zoals '>=0.1,<1'").format(pack=pack_id, spec=spec)
            raise InvalidFieldError(attribute.name, msg) from None


#: a language as a pack names it: an ISO 639-1 code (``nl``, ``en``, ``de``), lower case
LANGUAGE_CODE = re.compile(r"[a-z]{2}")


def _check_language(_inst: object, attribute: "attrs.Attribute[Any]", value: str) -> None:
    from ..i18n import _

    if not isinstance(value, str) or not LANGUAGE_CODE.fullmatch(value):
        raise InvalidFieldError(attribute.name, _("{value!r} is geen taalcode: schrijf twee kleine letters, zoals "
                                                  "'nl' of 'en'").format(value=value))


def _check_translations(inst: "Pack", attribute: "attrs.Attribute[Any]", value: tuple[str, ...]) -> None:
    from ..i18n import _

    for language in value:
        _check_language(inst, attribute, language)
    if inst.language in value:
        raise InvalidFieldError(attribute.name, _("{language!r} is de taal waarin het pack geschreven is "
                                                  "(language), geen vertaling").format(language=inst.language))
    if len(set(value)) != len(value):
        raise InvalidFieldError(attribute.name, _("een taal staat twee keer in translations"))


@attrs.frozen(eq=False, repr=False)
class Pack(Model):
    """The ``[pack]`` table of ``pack.toml``.

    ``version`` is a semantic version that PEP 440 can compare too (``1.0.0``, ``1.2.0-rc.1``;
    not ``1.0.0-alpha.beta``). ``requires`` maps pack ids to version ranges (PEP 440
    specifiers, e.g. ``">=0.1,<1"``).

    ``language`` is the language the pack is written in (Dutch by default); ``translations``
    names the other languages it carries, each in ``translations/<lang>.toml`` of a folder
    pack (or through the ``ondermijning_translations`` hook): ``translations = ["en"]``. Rule
    V014 reports every text a declared translation leaves out.
    """

    id: str = attrs.field(validator=_check_pack_id)
    name: str = attrs.field(metadata={TEXT: True})  # prose(), spelled out: mypy reads it as required
    version: str = attrs.field(validator=_check_version)
    publisher: str = ""
    description: str = prose("")
    language: str = attrs.field(default="nl", validator=_check_language)
    license: str = ""
    requires: Mapping[str, str] = attrs.field(factory=dict, validator=_check_requires)
    translations: tuple[str, ...] = attrs.field(factory=tuple, converter=as_tuple, validator=_check_translations)
