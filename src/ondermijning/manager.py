"""The plugin manager factory and a typed host around it.

No global state: every :func:`ondermijning.load_catalog` call builds its own manager.
Order: hook specs -> built-in plugins -> blocked names -> entry points of the group
``ondermijning`` (found by :mod:`ondermijning.installed`, as ``importlib.metadata`` finds them)
-> a check for hooks nobody specified. A plugin that fails to import,
implements an unknown hook, raises, or returns the wrong type is reported by name (with
its distribution) and left out; the others load.

Contained means: any exception a plugin raises, ``SystemExit`` and other ``BaseException``
subclasses included (only ``KeyboardInterrupt`` still stops everything), is its own problem;
what it prints goes to stderr, so machine output on stdout stays parseable; it cannot take a
built-in's name (:data:`RESERVED_NAMES`); two distributions with one entry-point name are both
named. Its validation and scoring rules are contained the same way when they run
(:meth:`PluginHost.contain_rule`, :meth:`PluginHost.contain_scoring_rule`).
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import math
import os
import sys
import time
import types
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import attrs
import pluggy

from . import hookspecs
from .catalog import Catalog, PluginInfo, Rule
from .errors import Problem, ScoringRuleError, Severity
from .i18n import _, number
from .installed import entry_points
from .models import SignalList
from .models.common import MAX_POINTS, MAX_POINTS_TEXT
from .models.picture import Contribution
from .scoring import ScoringRule


def _fix_or_disable(name: str) -> str:
    return _("repareer de plugin of zet hem uit (--disable-plugin {name})").format(name=name)


def _return_models() -> str:
    return _("geef een lijst van modelobjecten terug")

T = TypeVar("T")

ENTRY_POINT_GROUP = "ondermijning"
#: comma-separated plugin names never to load, e.g. "deurne,nsob"
DISABLE_ENV = "ONDERMIJNING_DISABLE_PLUGINS"
#: set to 1 to load built-in plugins only (no entry points)
NO_AUTOLOAD_ENV = "ONDERMIJNING_DISABLE_PLUGIN_AUTOLOAD"
#: built-in plugins, imported and registered exactly like external ones (and blockable by name)
BUILTIN_PLUGINS: dict[str, str] = {"core": "ondermijning.plugins.core"}
#: a hook call (or a plugin's import) slower than this is reported (it slows every command down)
SLOW_SECONDS = 2.0
#: a hook returning more items than this is broken (an endless generator must not hang every tool)
MAX_CONTRIBUTIONS = 100_000
#: the names of the built-in plugins: no plugin or entry point may take one (it would silently
#: replace the core pack, or every folder pack)
RESERVED_NAMES = frozenset({*BUILTIN_PLUGINS, "directory"})
#: the most points one contribution of a scoring rule may give (as for a signal's weight)
MAX_RULE_POINTS = MAX_POINTS


@contextlib.contextmanager
def _plugin_code() -> Iterator[None]:
    """Around every call into a plugin: what it prints goes to stderr, never into machine output."""
    with contextlib.redirect_stdout(sys.stderr):
        yield


def _stops_everything(exc: BaseException) -> bool:
    """Ctrl-C stops the host; anything else a plugin raises (SystemExit too) is the plugin's failure."""
    return isinstance(exc, KeyboardInterrupt)


def make_plugin_manager() -> pluggy.PluginManager:
    """A bare manager with the hook specs added (no plugins)."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    return pm


def _env_list(name: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, "").split(",") if part.strip()]


class PluginHost:
    """A plugin manager plus what each plugin is, with one typed, isolating call per hook."""

    def __init__(
        self,
        *,
        disable: Iterable[str] = (),
        autoload: bool | None = None,
        plugins: Iterable[object] = (),
    ) -> None:
        self.pm = make_plugin_manager()
        self.infos: dict[str, PluginInfo] = {}
        self.problems: list[Problem] = []
        blocked = {*disable, *_env_list(DISABLE_ENV)}
        for name in sorted(blocked):
            self.pm.set_blocked(name)
            self.infos[name] = PluginInfo(name, status="blocked")
        for name, module in BUILTIN_PLUGINS.items():
            self._register_module(name, module, distribution=_own_distribution())
        for plugin in plugins:
            name = getattr(plugin, "__name__", None) or type(plugin).__name__
            self.register(plugin, name=name)
        if autoload is None:
            autoload = os.environ.get(NO_AUTOLOAD_ENV, "").strip().lower() in ("", "0", "false", "no", "off")
        if autoload:
            self._load_entry_points()
        self._check_unknown_hooks()

    # registration ---------------------------------------------------------------------

    def register(self, plugin: object, *, name: str, distribution: str = "", builtin: bool = False) -> bool:
        """Register ``plugin`` as ``name``; False (and a problem) when it cannot be.

        Only the library itself (``builtin=True``) registers under :data:`RESERVED_NAMES`.
        """
        if self.pm.is_blocked(name):
            return False
        info = PluginInfo(name, distribution)
        if name in RESERVED_NAMES and not builtin:
            self._refuse_reserved(info)
            return False
        try:
            self.pm.register(plugin, name=name)
        except (ValueError, pluggy.PluginValidationError) as exc:
            self._broken(info, "P001", _("kan niet worden geregistreerd: {error}").format(error=exc))
            return False
        info.hooks = tuple(sorted(caller.name for caller in self.pm.get_hookcallers(plugin) or ()))
        info.module = _module_file(plugin)
        self.infos[name] = info
        return True

    def _refuse_reserved(self, info: PluginInfo) -> None:
        message = _("gebruikt de naam van een ingebouwde plugin ({name}); die zou de kernpack of alle "
                    "pakketmappen uitschakelen, dus deze plugin is niet geladen").format(name=info.name)
        self.problems.append(Problem("P001", f"{info.describe()} {message}",
                                     hint=_("geef het entry point in de groep 'ondermijning' een andere naam")))

    def _register_module(self, name: str, module: str, *, distribution: str) -> None:
        if self.pm.is_blocked(name):
            return
        try:
            with _plugin_code():
                plugin = importlib.import_module(module)
        except BaseException as exc:  # any import failure of a plugin is reported, not raised
            if _stops_everything(exc):
                raise
            self._broken(PluginInfo(name, distribution), "P001", _("importeren mislukte: {error!r}").format(error=exc))
            return
        self.register(plugin, name=name, distribution=distribution, builtin=True)

    def _load_entry_points(self) -> None:
        found = sorted(entry_points(ENTRY_POINT_GROUP), key=lambda e: (e.name, e.distribution))
        for name, group in itertools.groupby(found, key=lambda e: e.name):
            same = list(group)
            ep, dist = same[0], same[0].distribution
            if name in RESERVED_NAMES:
                for other in same:
                    self._refuse_reserved(PluginInfo(name, other.distribution))
                continue
            if self.pm.is_blocked(name):
                self.infos[name] = PluginInfo(name, dist, status="blocked")
                continue
            if len(same) > 1:
                others = ", ".join(other.distribution or repr(other.value) for other in same[1:])
                self.problems.append(Problem("P001", _(
                    "het entry point {name!r} komt van meer dan één distributie: {first} en {others}; alleen "
                    "{first} is geladen").format(name=name, first=dist or repr(ep.value), others=others),
                    hint=_("geef elke plugin een eigen naam, of verwijder een van de distributies")))
            if self.pm.has_plugin(name):
                continue
            start = time.perf_counter()
            try:
                with _plugin_code():
                    plugin = ep.load()
            except BaseException as exc:  # a broken entry point must not break the rest
                if _stops_everything(exc):
                    raise
                self._broken(PluginInfo(name, dist), "P001", _("het entry point {value!r} laden mislukte: {error!r}")
                             .format(value=ep.value, error=exc), hint=_fix_or_disable(name))
                continue
            if self.register(plugin, name=name, distribution=dist):
                self._timed(self.infos[name], "import", time.perf_counter() - start)

    def _check_unknown_hooks(self) -> None:
        # pm.check_pending() stops at the first typo; this reports every plugin and keeps the rest
        known = [n for n in dir(hookspecs) if n.startswith("ondermijning_")]
        for hook_name in dir(self.pm.hook):
            caller = getattr(self.pm.hook, hook_name)
            if not isinstance(caller, pluggy.HookCaller) or caller.has_spec():
                continue
            for impl in caller.get_hookimpls():
                if impl.opts.get("optionalhook"):
                    continue
                import difflib  # only for a plugin with an unknown hook; not on every start-up

                close = difflib.get_close_matches(hook_name, known, n=1)
                hint = _("bedoel je {id!r}?").format(id=close[0]) if close else _("zie de beschrijving van de hooks")
                info = self.infos.get(impl.plugin_name, PluginInfo(impl.plugin_name))
                self._broken(info, "P002", _("implementeert een onbekende hook {hook!r}").format(hook=hook_name),
                             hint=hint)

    def _broken(self, info: PluginInfo, code: str, message: str, *, hint: str = "") -> None:
        info.status = "broken"
        info.error = message
        self.infos[info.name] = info
        self.problems.append(Problem(code, f"{info.describe()} {message}", hint=hint))
        plugin = self.pm.get_plugin(info.name)
        if plugin is not None:
            self.pm.unregister(plugin)

    # calling ----------------------------------------------------------------------------

    def call(self, hook_name: str, expected: type | tuple[type, ...]) -> Iterator[tuple[object, Any]]:
        """Each plugin's contributions to ``hook_name``, as ``(plugin, item)``.

        Every implementation is called on its own, so one that raises or returns the wrong
        type is reported by name and the others still count.
        """
        caller: pluggy.HookCaller = getattr(self.pm.hook, hook_name)
        for impl in caller.get_hookimpls():
            info = self.infos.get(impl.plugin_name, PluginInfo(impl.plugin_name))
            if info.status == "broken":
                continue
            start = time.perf_counter()
            try:
                with _plugin_code():
                    result = _bounded(impl.function())
            except _NotIterable as exc:
                info.status, info.error = "broken", f"{hook_name} {exc}"
                self.problems.append(Problem("P004", f"{info.describe()}: {hook_name} {exc}", hint=_return_models()))
                continue
            except BaseException as exc:  # isolate plugin failures
                if _stops_everything(exc):
                    raise
                info.status = "broken"
                info.error = _("{hook} gaf een fout: {error!r}").format(hook=hook_name, error=exc)
                self.problems.append(Problem("P003", f"{info.describe()}: {info.error}",
                                             hint=_fix_or_disable(info.name)))
                continue
            self._timed(info, hook_name, time.perf_counter() - start)
            wrong = [item for item in result if not isinstance(item, expected)]
            if wrong:
                info.status = "broken"
                info.error = _("{hook} gaf {type}").format(hook=hook_name, type=type(wrong[0]).__name__)
                names = ", ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
                self.problems.append(Problem(
                    "P004", _("{plugin}: {hook} gaf {type}, verwacht {expected}").format(
                        plugin=info.describe(), hook=hook_name, type=type(wrong[0]).__name__, expected=names),
                    hint=_return_models()))
                continue
            for item in result:
                yield impl.plugin, item

    def _timed(self, info: PluginInfo, what: str, elapsed: float) -> None:
        if elapsed <= SLOW_SECONDS:
            return
        if info.status == "loaded":
            info.status, info.error = "slow", _("{what} duurde {seconds} s").format(what=what, seconds=f"{elapsed:.2f}")
        self.problems.append(Problem("P005", _("{plugin}: {what} duurde {seconds} s, meer dan {limit} s").format(
                                         plugin=info.describe(), what=what, seconds=f"{elapsed:.2f}",
                                         limit=f"{SLOW_SECONDS:g}"), severity=Severity.WARNING,
                                     hint=_("laad gegevens pas als ze nodig zijn, of bewaar ze in de plugin")))

    def describe(self, plugin: object) -> str:
        name = self.pm.get_name(plugin) or repr(plugin)
        return self.infos.get(name, PluginInfo(name)).describe()

    # what plugins contribute that runs later: rules -------------------------------------------

    def contain_rule(self, plugin: object, rule: Rule) -> Rule:
        """``rule`` with its check contained: whatever it raises or returns is a problem naming the plugin.

        A raise is P006; a result that is not problems (None, a text, a list of texts) is P007; a
        scoring rule that fails inside it (:class:`~ondermijning.errors.ScoringRuleError`) is P008.
        """
        who, name = self.describe(plugin), self.pm.get_name(plugin) or ""

        def check(catalog: Catalog) -> list[Problem]:
            try:
                with _plugin_code():
                    result = rule.check(catalog)
                    if result is None:  # a forgotten return: not "no problems"
                        raise _NotIterable(_("gaf None"))
                    found = _bounded(result)
            except ScoringRuleError as exc:
                return [Problem("P008", exc.message, hint=exc.hint)]
            except _NotIterable as exc:
                return [_wrong_problems(rule, who, str(exc))]
            except BaseException as exc:
                if _stops_everything(exc):
                    raise
                return [Problem("P006", _("validatieregel {code} van {who} gaf een fout: {error}").format(
                                    code=rule.code, who=who, error=repr(exc)),
                                hint=_("herstel de plugin of zet hem uit (--disable-plugin {name})").format(name=name))]
            wrong = [item for item in found if not isinstance(item, Problem)]
            if wrong:
                return [*(p for p in found if isinstance(p, Problem)),
                        _wrong_problems(rule, who, _("gaf {type}").format(type=type(wrong[0]).__name__))]
            return found

        return attrs.evolve(rule, check=check)

    def contain_scoring_rule(self, plugin: object, rule: ScoringRule) -> ScoringRule:
        """``rule`` whose contributions are checked: a raise, a wrong type, NaN or too many points is an error.

        Raises :class:`~ondermijning.errors.ScoringRuleError` (naming the rule and its plugin)
        instead of letting a NaN score give a silent *laag* or a NaN in JSON.
        """
        who, name = self.describe(plugin), self.pm.get_name(plugin) or ""
        hint = _("repareer de plugin of zet hem uit (--disable-plugin {name})").format(name=name)

        def fail(what: str) -> ScoringRuleError:
            return ScoringRuleError(_("scoreregel {rule!r} van {who} {what}; het zorgniveau kan niet worden "
                                      "berekend").format(rule=rule.id, who=who, what=what), hint=hint)

        def contribute(signal_list: SignalList, observed: frozenset[str]) -> list[Contribution]:
            try:
                with _plugin_code():
                    result = _bounded(rule.contribute(signal_list, observed))
            except _NotIterable as exc:
                raise fail(str(exc)) from None
            except BaseException as exc:
                if _stops_everything(exc):
                    raise
                raise fail(_("gaf een fout: {error}").format(error=repr(exc))) from None
            for item in result:
                if not isinstance(item, Contribution):
                    raise fail(_("gaf {got}, geen Contribution").format(got=type(item).__name__))
                points = item.points
                if (type(points) not in (int, float) or not math.isfinite(points)
                        or abs(points) > MAX_RULE_POINTS):
                    raise fail(_("gaf {points!r} punten; een regel geeft een eindig getal van ten hoogste "
                                 "{limit}").format(points=points, limit=MAX_POINTS_TEXT))
            return result

        return attrs.evolve(rule, contribute=contribute)


def _wrong_problems(rule: Rule, who: str, what: str) -> Problem:
    return Problem("P007", _("validatieregel {code} van {who} {what}, geen lijst van Problem").format(
                       code=rule.code, who=who, what=what),
                   hint=_("geef ondermijning.Problem-objecten terug (return of yield)"))


def _bounded(value: Any) -> list[Any]:
    """A hook's or rule's result as a list: None is empty; not iterable, or endless, is _NotIterable."""
    result = list(itertools.islice(_iterable(value), MAX_CONTRIBUTIONS + 1))
    if len(result) > MAX_CONTRIBUTIONS:
        raise _NotIterable(_("gaf meer dan {most} items").format(most=number(MAX_CONTRIBUTIONS)))
    return result


class _NotIterable(TypeError):
    pass


def _iterable(value: Any) -> Iterable[Any]:
    if value is None:
        return ()
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise _NotIterable(_("gaf {type}, geen lijst").format(type=type(value).__name__))
    return value


def _module_file(plugin: object) -> str:
    """The file of a plugin's module (a module plugin, or the module of a plugin object's class)."""
    module = plugin if isinstance(plugin, types.ModuleType) else sys.modules.get(type(plugin).__module__)
    return str(getattr(module, "__file__", None) or "")


def _own_distribution() -> str:
    from ._version import __version__

    return f"ondermijning {__version__}"
