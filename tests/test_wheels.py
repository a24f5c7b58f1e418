"""Installed from wheels, not a checkout: a pack author's `pip install`, the pytest plugin, and the CI a new pack gets.

The library and a scaffolded pack are built as wheels and installed in a fresh virtual
environment (the dependencies come from the machine's package index). First without the
testing extra: the plugin must say which extra to install, not fail on a missing module.
Then with the pack's test extra (``ondermijning[testing]``): the steps of the CI workflow that
``new-pack`` writes must pass in the pack's repository.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from ondermijning.scaffold import new_pack

ROOT = Path(__file__).resolve().parent.parent


def _run(*argv: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in argv], cwd=cwd, capture_output=True, text=True, check=False, env=env,
                          timeout=600)


def _wheel(source: Path, into: Path, name: str) -> Path:
    result = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", into,
                  source, cwd=source)
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = into.glob(f"{name}-*.whl")
    return wheel


def _run_steps(workflow: str) -> list[str]:
    """The shell steps of a GitHub Actions workflow (its `- run:` lines), in order."""
    return re.findall(r"^\s*- run: (.+)$", workflow, re.MULTILINE)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str], Path]:
    """(the pack's repository, the venv's python, an environment with the venv first on PATH, the wheels)."""
    base = tmp_path_factory.mktemp("wheels")
    wheels = base / "dist"
    repo = new_pack("proef", base)
    library = _wheel(ROOT, wheels, "ondermijning")
    _wheel(repo, wheels, "ondermijning_proef")
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=True, clear=True)
    python = env_dir / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "ONDERMIJNING_"))}
    env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    result = _run(python, "-m", "pip", "install", "-q", library, "pytest", cwd=base, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return repo, python, env, wheels


def test_the_library_comes_from_its_wheel_not_the_checkout(
        installed: tuple[Path, Path, dict[str, str], Path]) -> None:
    repo, python, env, _ = installed
    result = _run(python, "-c", "import ondermijning; print(ondermijning.__file__)", cwd=repo, env=env)
    assert "site-packages" in result.stdout and str(ROOT) not in result.stdout


def test_without_the_testing_extra_the_plugin_says_which_extra_to_install(
        installed: tuple[Path, Path, dict[str, str], Path]) -> None:
    repo, python, env, _ = installed
    result = _run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=repo, env=env)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "ModuleNotFoundError" not in output
    assert "python -m pip install 'ondermijning[testing]' (pytest en hypothesis)" in output
    assert re.search(r"1 failed, 3 passed", output), output  # only the properties item needs hypothesis
    strategies = _run(python, "-c", "import ondermijning.testing.strategies", cwd=repo, env=env)
    assert "heeft hypothesis nodig: python -m pip install 'ondermijning[testing]'" in strategies.stderr


def test_with_the_pack_and_its_test_extra_the_ci_steps_pass(
        installed: tuple[Path, Path, dict[str, str], Path]) -> None:
    repo, python, env, wheels = installed
    (pack_wheel,) = wheels.glob("ondermijning_proef-*.whl")
    result = _run(python, "-m", "pip", "install", "-q", "--find-links", wheels, f"{pack_wheel}[test]", cwd=repo,
                  env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    listed = _run(python, "-m", "pip", "list", "--format", "freeze", cwd=repo, env=env).stdout
    assert "hypothesis==" in listed and "ondermijning-proef==" in listed
    assert "mypy" not in listed and "ruff" not in listed  # the pack's test extra is not the project's

    steps = _run_steps((repo / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    assert steps[0].startswith("python -m pip install") and steps[1:] == ["ondermijning validate",
                                                                          "python -m pytest"]
    validate = _run("bash", "-c", steps[1], cwd=repo, env=env)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    # the installed copy and the repository's folder: the folder wins, with a note
    assert validate.stdout.startswith("src/ondermijning_proef/pack/pack.toml: C008 pack 'proef' uit")
    assert validate.stdout.endswith("src/ondermijning_proef/pack: geldig, 1 waarschuwing\n")
    tests = _run("bash", "-c", steps[2] + " -p no:cacheprovider", cwd=repo, env=env)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "4 passed" in tests.stdout


def test_the_scaffolds_pre_commit_hook_is_the_projects(installed: tuple[Path, Path, dict[str, str], Path]) -> None:
    repo = installed[0]
    ours = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    theirs = (repo / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    for key in ("id", "entry", "language", "pass_filenames", "files"):
        (mine,) = re.findall(rf"^\s*-? *{key}: (.+)$", ours, re.MULTILINE)
        (scaffolded,) = re.findall(rf"^\s*-? *{key}: (.+)$", theirs, re.MULTILINE)
        assert mine == scaffolded, key
