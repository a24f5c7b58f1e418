"""pytest plugin for pack authors: a pack's validation and scoring properties as test items.

Registered through the ``pytest11`` entry point, so installing ondermijning is enough::

    pytest --ondermijning-pack src/ondermijning_gemeente/pack

or, in ``pyproject.toml``::

    [tool.pytest.ini_options]
    ondermijning_pack = ["src/ondermijning_gemeente/pack"]

For each pack it adds an item ``validate`` (every problem of the pack in one run, as
``ondermijning validate`` reports them: ``file:line: CODE message``, then ``PATH: 2 fouten``;
a file that does not load does not hide the problems of the others), and for each of its
signal lists ``properties[...]`` (the scoring properties, with hypothesis) and
``examples[...]`` (the golden examples, reported as ``file:line: V008 ...`` with the score
and thresholds). Fixtures:
``ondermijning_catalog`` and ``ondermijning_pack_paths``. Nothing is autouse, and nothing
heavy is imported unless a pack is given.

Messages are Dutch; ``--ondermijning-lang en`` (or the ini setting ``ondermijning_lang``, or
``ONDERMIJNING_LANG``/an English locale, as for the command line) gives them in English.

The ``properties`` items need hypothesis: install ``ondermijning[testing]`` (pytest and
hypothesis). Without it those items fail and say so; ``validate`` and ``examples`` still run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ..i18n import _

if TYPE_CHECKING:
    from ..catalog import Catalog

_CATALOG = pytest.StashKey["Catalog"]()
#: the catalog the validate items check: what loaded of a broken pack joins it (``validate`` loads so)
_PARTIAL = pytest.StashKey["Catalog"]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("ondermijning", _("inhoudspacks van ondermijning"))
    group.addoption("--ondermijning-pack", action="append", default=[], metavar=_("PAD"), dest="ondermijning_pack",
                    help=_("test deze pack-map (de map met pack.toml): validatie, scoringseigenschappen en "
                           "gouden voorbeelden; herhaalbaar"))
    group.addoption("--ondermijning-max-examples", type=int, default=None, metavar="N",
                    help=_("voorbeelden van hypothesis per scoringseigenschap (standaard 100)"))
    group.addoption("--ondermijning-lang", default=None, metavar=_("TAAL"), dest="ondermijning_lang",
                    help=_("de taal van de meldingen: nl (standaard) of en"))
    parser.addini("ondermijning_pack", type="paths", default=[],
                  help=_("pack-mappen om te testen, zoals met --ondermijning-pack"))
    parser.addini("ondermijning_lang", default="", help=_("de taal van de meldingen, zoals met --ondermijning-lang"))


def pytest_configure(config: pytest.Config) -> None:
    """``--ondermijning-lang`` (or the ini setting) chooses the language of the items' messages."""
    chosen = config.getoption("ondermijning_lang") or config.getini("ondermijning_lang")
    if chosen:
        from ..i18n import set_language

        try:
            set_language(str(chosen))
        except ValueError as exc:
            raise pytest.UsageError(f"--ondermijning-lang: {exc}") from None


def pack_paths(config: pytest.Config) -> list[Path]:
    """The packs to test: the command-line option wins over the ini setting."""
    given = config.getoption("ondermijning_pack")
    if given:
        return [config.invocation_params.dir / p for p in given]
    return [Path(p) for p in config.getini("ondermijning_pack")]


class PackCheckFailed(Exception):
    """A pack check failed; the message is the whole report (no traceback needed)."""


class PackItem(pytest.Item):
    def __init__(self, *, check: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.check = check

    def runtest(self) -> None:
        self.check()

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, (PackCheckFailed, AssertionError)):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, _("controle van een ondermijning-pack: {name}").format(name=self.name)


class PackCollector(pytest.Collector):
    def collect(self) -> Iterator[pytest.Item]:
        catalog = _catalog(self.config)
        folder = self.path
        yield PackItem.from_parent(self, name="validate", check=lambda: _validate(self.config, folder),
                                   path=folder, nodeid=f"{self.nodeid}::validate")
        pack_id = _pack_id(catalog, folder)
        if pack_id is None:
            return  # the pack did not load: the validate item says why
        max_examples = self.config.getoption("ondermijning_max_examples") or 100
        for list_id, sl in catalog.signal_lists.items():
            if not list_id.startswith(f"{pack_id}/"):
                continue
            yield PackItem.from_parent(
                self, name=f"properties[{list_id}]", path=folder, nodeid=f"{self.nodeid}::properties[{list_id}]",
                check=lambda sl=sl: _properties(sl, catalog, max_examples))
            yield PackItem.from_parent(
                self, name=f"examples[{list_id}]", path=folder, nodeid=f"{self.nodeid}::examples[{list_id}]",
                check=lambda sl=sl: _examples(sl, catalog))


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    catalog = _catalog(config) if pack_paths(config) else None
    for folder in pack_paths(config):
        pack_id = _pack_id(catalog, folder) if catalog is not None else None
        name = f"ondermijning-pack[{pack_id or folder}]"
        collector = PackCollector.from_parent(session, name=name, path=folder, nodeid=name)
        items.extend(collector.collect())


def _catalog(config: pytest.Config, *, partial: bool = False) -> Catalog:
    """The catalog with the packs under test; ``partial``: with what loaded of a broken pack (for validate)."""
    key = _PARTIAL if partial else _CATALOG
    if key not in config.stash:
        from .. import load_catalog

        config.stash[key] = load_catalog([p for p in pack_paths(config) if p.is_dir()], partial=partial)
    return config.stash[key]


def _pack_id(catalog: Catalog, folder: Path) -> str | None:
    real = os.path.realpath(folder)
    for pack_id in catalog.packs:
        where = catalog.locate(pack_id)
        if where is not None and os.path.realpath(Path(where.file).parent) == real:
            return pack_id
    return None


def _validate(config: pytest.Config, folder: Path) -> None:
    """Every error of the pack in one run, as ``ondermijning validate`` finds them: the catalog is
    loaded in part, so a file that does not load leaves the rules to check what the others hold."""
    from ..commands.validate import summary
    from ..pack_folder import is_within
    from ..validate import validate_catalog

    if not folder.is_dir():
        raise PackCheckFailed(_("{path}: L001 pack-map niet gevonden").format(path=folder))
    catalog = _catalog(config, partial=True)
    problems = [p for p in validate_catalog(catalog)
                if p.severity.value == "error" and p.file and is_within(p.file, folder)]
    if problems:
        lines = [p.format() for p in problems]
        raise PackCheckFailed("\n".join([*lines, summary(str(folder), 1, errors=len(lines), warnings=0, hidden=0)]))


#: what a pack author installs to get every item (pytest and hypothesis)
EXTRA = "ondermijning[testing]"


def _properties(sl: Any, catalog: Catalog, max_examples: int) -> None:
    import importlib.util

    if importlib.util.find_spec("hypothesis") is None:
        raise PackCheckFailed(_("de scoringseigenschappen hebben hypothesis nodig, dat niet is geïnstalleerd: "
                                "python -m pip install '{extra}' (pytest en hypothesis)").format(extra=EXTRA))
    from .properties import check_empty_is_low, check_levels_reachable, run_drawn

    check_empty_is_low(sl, catalog)
    check_levels_reachable(sl, catalog)
    run_drawn(sl, catalog, max_examples=max_examples)


def _examples(sl: Any, catalog: Catalog) -> None:
    """The golden examples, reported as ``ondermijning validate`` reports them (V001, V008: file:line)."""
    from ..signal_rules import example_problems

    problems = example_problems(catalog, sl)
    if problems:
        raise PackCheckFailed("\n".join(p.format() for p in problems))


@pytest.fixture(scope="session")
def ondermijning_pack_paths(pytestconfig: pytest.Config) -> list[Path]:
    """The pack folders under test (from --ondermijning-pack or the ini setting)."""
    return pack_paths(pytestconfig)


@pytest.fixture(scope="session")
def ondermijning_catalog(pytestconfig: pytest.Config) -> Catalog:
    """The catalog: installed packs plus the packs under test."""
    return _catalog(pytestconfig)
