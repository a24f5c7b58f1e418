"""docs/tutorial.md works as written: its commands run in order in a fresh virtual environment.

```sh blocks are run (a block whose first line mentions "exit-code N" must exit with N), ```text
blocks after them are expected in their output, and <!-- append: PATH --> / <!-- replace: PATH:
OLD => NEW --> markers make the edits the reader makes in an editor. Slow (a venv and a pip
install, about a minute), and the only test that needs the package registry.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "docs" / "tutorial.md"
STEP = re.compile(
    r"<!-- append: (?P<append>\S+) -->\s*```toml\n(?P<toml>.*?)```"
    r"|<!-- replace: (?P<replace>\S+): (?P<old>.+?) => (?P<new>.+?) -->"
    r"|```sh\n(?P<sh>.*?)```"
    r"|```text\n(?P<text>.*?)```",
    re.DOTALL,
)


def steps() -> list[dict[str, str]]:
    return [{k: v for k, v in m.groupdict().items() if v is not None}
            for m in STEP.finditer(TUTORIAL.read_text(encoding="utf-8"))]


def test_the_tutorial_has_the_steps_this_test_expects() -> None:
    kinds = [next(iter(s)) for s in steps()]
    assert kinds.count("sh") >= 6
    assert "append" in kinds and "replace" in kinds


def test_the_tutorial_runs_as_written(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    install = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "-e", f"{ROOT}[testing]"],
                             capture_output=True, text=True, check=False)
    assert install.returncode == 0, install.stdout + install.stderr
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ONDERMIJNING_", "PYTHON"))}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", VIRTUAL_ENV=str(venv))
    work = tmp_path / "work"
    work.mkdir()
    cwd, output = work, ""
    for step in steps():
        if "append" in step:
            with (cwd / step["append"]).open("a", encoding="utf-8") as handle:
                handle.write(step["toml"])
        elif "replace" in step:
            path = cwd / step["replace"]
            text = path.read_text(encoding="utf-8")
            assert step["old"] in text, step
            path.write_text(text.replace(step["old"], step["new"], 1), encoding="utf-8")
        elif "sh" in step:
            expected = re.search(r"exit-code (\d+)", step["sh"].splitlines()[0])
            marker = tmp_path / "cwd"
            result = subprocess.run(["bash", "-c", f"set -e\ncd '{cwd}'\n{step['sh']}\npwd > '{marker}'"],
                                    capture_output=True, text=True, env=env, check=False)
            output = result.stdout + result.stderr
            assert result.returncode == (int(expected.group(1)) if expected else 0), f"{step['sh']}\n{output}"
            if result.returncode == 0:
                cwd = Path(marker.read_text(encoding="utf-8").strip())
        else:
            for line in step["text"].strip().splitlines():
                assert line in output, f"expected {line!r} in the output of the command before:\n{output}"
