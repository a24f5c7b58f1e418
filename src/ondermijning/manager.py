"""The plugin manager factory and a typed host around it.

No global state: every :func:`ondermijning.load_catalog` call builds its own manager.
Order: hook specs -> built-in plugins -> blocked names -> entry points of the group
``ondermijning`` -> a check for hooks nobody specified. A plugin that fails to import,
implements an unknown hook, raises, or returns the wrong type is reported by name (with
its distribution) and left out; the others load.
"""

from __future__ import annotations

import difflib
import importlib
import itertools
import os
import sys
import time
import types
from collections.abc import Iterable, Iterator
from importlib.metadata import entry_points
from typing import Any

import pluggy

from . import hookspecs
from .catalog import PluginInfo
from .errors import Problem, Severity

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
#: what a plugin may raise that is its own failure, not ours: SystemExit too (a plugin calling
#: sys.exit() must not end the host); KeyboardInterrupt still stops everything
PLUGIN_FAILURES = (Exception, SystemExit)


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

    def register(self, plugin: object, *, name: str, distribution: str = "") -> bool:
        if self.pm.is_blocked(name):
            return False
        info = PluginInfo(name, distribution)
        try:
            self.pm.register(plugin, name=name)
        except (ValueError, pluggy.PluginValidationError) as exc:
            self._broken(info, "P001", f"cannot be registered: {exc}")
            return False
        info.hooks = tuple(sorted(caller.name for caller in self.pm.get_hookcallers(plugin) or ()))
        info.module = _module_file(plugin)
        self.infos[name] = info
        return True

    def _register_module(self, name: str, module: str, *, distribution: str) -> None:
        if self.pm.is_blocked(name):
            return
        try:
            plugin = importlib.import_module(module)
        except PLUGIN_FAILURES as exc:  # any import failure of a plugin is reported, not raised
            self._broken(PluginInfo(name, distribution), "P001", f"failed to import: {exc!r}")
            return
        self.register(plugin, name=name, distribution=distribution)

    def _load_entry_points(self) -> None:
        for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            dist = f"{ep.dist.name} {ep.dist.version}" if ep.dist is not None else ""
            if self.pm.is_blocked(ep.name):
                self.infos[ep.name] = PluginInfo(ep.name, dist, status="blocked")
                continue
            if self.pm.has_plugin(ep.name):
                continue
            start = time.perf_counter()
            try:
                plugin = ep.load()
            except PLUGIN_FAILURES as exc:  # a broken entry point must not break the rest
                self._broken(PluginInfo(ep.name, dist), "P001", f"failed to load entry point {ep.value!r}: {exc!r}",
                             hint=f"fix or disable the plugin (--disable-plugin {ep.name})")
                continue
            if self.register(plugin, name=ep.name, distribution=dist):
                self._timed(self.infos[ep.name], "import", time.perf_counter() - start)

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
                close = difflib.get_close_matches(hook_name, known, n=1)
                hint = f"did you mean {close[0]!r}?" if close else "see the hook reference"
                info = self.infos.get(impl.plugin_name, PluginInfo(impl.plugin_name))
                self._broken(info, "P002", f"implements unknown hook {hook_name!r}", hint=hint)

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
                result = list(itertools.islice(_iterable(impl.function()), MAX_CONTRIBUTIONS + 1))
                if len(result) > MAX_CONTRIBUTIONS:
                    raise _NotIterable(f"returned more than {MAX_CONTRIBUTIONS:,} items")
            except _NotIterable as exc:
                info.status, info.error = "broken", f"{hook_name} {exc}"
                self.problems.append(Problem("P004", f"{info.describe()}: {hook_name} {exc}",
                                             hint="return a list of model objects"))
                continue
            except PLUGIN_FAILURES as exc:  # isolate plugin failures
                info.status, info.error = "broken", f"{hook_name} raised {exc!r}"
                self.problems.append(Problem("P003", f"{info.describe()}: {hook_name} raised {exc!r}",
                                             hint=f"fix or disable the plugin (--disable-plugin {info.name})"))
                continue
            self._timed(info, hook_name, time.perf_counter() - start)
            wrong = [item for item in result if not isinstance(item, expected)]
            if wrong:
                info.status = "broken"
                info.error = f"{hook_name} returned {type(wrong[0]).__name__}"
                names = ", ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
                self.problems.append(Problem(
                    "P004", f"{info.describe()}: {hook_name} returned {type(wrong[0]).__name__}, expected {names}",
                    hint="return a list of model objects"))
                continue
            for item in result:
                yield impl.plugin, item

    def _timed(self, info: PluginInfo, what: str, elapsed: float) -> None:
        if elapsed <= SLOW_SECONDS:
            return
        if info.status == "loaded":
            info.status, info.error = "slow", f"{what} took {elapsed:.2f} s"
        self.problems.append(Problem("P005", f"{info.describe()}: {what} took {elapsed:.2f} s, more than "
                                             f"{SLOW_SECONDS:g} s", severity=Severity.WARNING,
                                     hint="load data lazily or cache it in the plugin"))

    def describe(self, plugin: object) -> str:
        name = self.pm.get_name(plugin) or repr(plugin)
        return self.infos.get(name, PluginInfo(name)).describe()


class _NotIterable(TypeError):
    pass


def _iterable(value: Any) -> Iterable[Any]:
    if value is None:
        return ()
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise _NotIterable(f"returned {type(value).__name__}, not a list")
    return value


def _module_file(plugin: object) -> str:
    """The file of a plugin's module (a module plugin, or the module of a plugin object's class)."""
    module = plugin if isinstance(plugin, types.ModuleType) else sys.modules.get(type(plugin).__module__)
    return str(getattr(module, "__file__", None) or "")


def _own_distribution() -> str:
    from ._version import __version__

    return f"ondermijning {__version__}"
