"""deploy/Dockerfile, checked by rules of our own (hadolint has no PyPI or Debian package)."""

from __future__ import annotations

import re

import pytest

from .chart import ROOT

DOCKERFILE = ROOT / "deploy" / "Dockerfile"


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per instruction, continuation lines joined, comments left out."""
    joined = re.sub(r"\\\n\s*", " ", text)
    found = []
    for line in joined.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            keyword, _, rest = stripped.partition(" ")
            found.append((keyword.upper(), rest.strip()))
    return found


def _dependencies_before_source(steps: list[tuple[str, str]]) -> bool:
    """In the stage that installs the dependencies, they come before ``COPY . .`` (and the source after them)."""
    stage: list[tuple[str, str]] = []
    for kind, args in [*steps, ("FROM", "end")]:
        if kind == "FROM":
            deps = [i for i, (k, a) in enumerate(stage) if k == "RUN" and "--no-install-workspace" in a]
            source = [i for i, (k, a) in enumerate(stage) if k == "COPY" and a.startswith(". ")]
            if deps:
                return bool(source) and deps[0] < source[0]
            stage = []
        else:
            stage.append((kind, args))
    return False


def problems(text: str) -> list[str]:
    """What our Dockerfile rules refuse in ``text``."""
    steps = instructions(text)
    runs = [args for kind, args in steps if kind == "RUN"]
    found = []
    if not any(re.search(r"uv==(\$\{UV_VERSION\}|\d+\.\d+\.\d+)", r) for r in runs) or not re.search(
        r"ARG UV_VERSION=\d+\.\d+\.\d+", text
    ):
        found.append("uv must be installed at a pinned version (ARG UV_VERSION=x.y.z, uv==${UV_VERSION})")
    for kind, args in steps:
        if kind == "FROM" and re.search(r":latest\b", args):
            found.append(f"unpinned base image: {args}")
        if kind == "RUN" and re.search(r"pip install(?!.*--no-cache-dir)", args):
            found.append(f"pip install without --no-cache-dir: {args}")
        if kind == "RUN" and "uv sync" in args and ("--all-packages" in args or "--no-dev" not in args):
            found.append(f"uv sync must use --no-dev and named packages (no dev member): {args}")
        if kind == "RUN" and "--no-editable" in args and "--no-cache" not in args:
            found.append(f"building the workspace members must not reuse cached wheels (--no-cache): {args}")
        if kind == "ADD":
            found.append("use COPY, not ADD")
    if not _dependencies_before_source(steps):
        found.append("dependencies must be installed in a layer before the source is copied")
    runtime = text.split("AS runtime", 1)[-1].split("\nFROM ", 1)[0] if "AS runtime" in text else ""
    if not re.search(r"^USER (?!root|0\b)\S+", runtime, re.M):
        found.append("the runtime stage must switch to a non-root USER")
    if "HEALTHCHECK" not in runtime:
        found.append("the runtime stage needs a HEALTHCHECK")
    if "pixeltable" in runtime or "oso_dev" in runtime.replace("'oso_dev'", ""):
        found.append("no embedded PostgreSQL or development member in the runtime stage")
    if not any("oso_dev" in r and "find_spec" in r for r in runs):
        found.append("the build must assert that no development code is in the image")
    return found


def test_the_dockerfile_passes_our_rules() -> None:
    assert problems(DOCKERFILE.read_text()) == []


@pytest.mark.parametrize(
    ("old", "new", "rule"),
    [
        ('"uv==${UV_VERSION}"', "uv", "pinned version"),
        ("USER 10001:10001", "USER root", "non-root"),
        ("HEALTHCHECK", "# HEALTH", "HEALTHCHECK"),
        ("--no-dev ${PACKAGES} --no-install-workspace", "--all-packages --no-install-workspace", "--no-dev"),
        ("COPY --from=manifests /src ./", "COPY . .", "before the source"),
        ("--no-editable --no-cache", "--no-editable", "cached wheels"),
    ],
)
def test_a_broken_dockerfile_is_refused(old: str, new: str, rule: str) -> None:
    text = DOCKERFILE.read_text()
    assert old in text
    assert any(rule in problem for problem in problems(text.replace(old, new)))


def test_dockerignore_keeps_the_build_context_small() -> None:
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()}
    assert {".venv", ".run", ".git", "**/__pycache__"} <= ignored
