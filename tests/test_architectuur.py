"""House rules that hold for the whole workspace: checked on the source tree, not on behaviour.

- no runtime package imports the dev tools (``oso_dev``): the import-linter contract in ``pyproject.toml``;
- nothing under ``services/*/src`` outside ``main.py``/``deps.py`` reads ``app.state`` (deps.py has the getters);
- no file under a ``src/`` directory is over 500 lines, except the validation rule catalogue.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICE_SRC = sorted((ROOT / "services").glob("*/src"))
SRC_DIRS = [ROOT / "shared" / "src", *SERVICE_SRC, *sorted((ROOT / "tools").glob("*/src"))]
MAX_REGELS = 500
UITZONDERINGEN_LENGTE = {Path("services/dossier/src/oso_dossier/validation/rules.py")}
APP_STATE = re.compile(r"\bapp\.state\b")


def _bronbestanden(*dirs: Path) -> list[Path]:
    return sorted(p for d in dirs for p in d.rglob("*.py") if "migrations" not in p.relative_to(d).parts)


def test_runtime_never_imports_the_dev_tools() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_app_state_only_in_main_and_deps() -> None:
    overtredingen = [
        f"{pad.relative_to(ROOT)}:{nummer}: {regel.strip()}"
        for pad in _bronbestanden(*SERVICE_SRC)
        if pad.name not in {"main.py", "deps.py"}
        for nummer, regel in enumerate(pad.read_text().splitlines(), start=1)
        if APP_STATE.search(regel)
    ]
    assert not overtredingen, "app.state buiten main.py/deps.py:\n" + "\n".join(overtredingen)


def test_no_source_file_over_500_lines() -> None:
    te_lang = {
        f"{pad.relative_to(ROOT)} ({regels} regels)"
        for pad in _bronbestanden(*SRC_DIRS)
        if pad.relative_to(ROOT) not in UITZONDERINGEN_LENGTE
        and (regels := len(pad.read_text().splitlines())) > MAX_REGELS
    }
    assert not te_lang, f"bestanden boven {MAX_REGELS} regels: {sorted(te_lang)}"
