"""One problem ``code`` means one HTTP status, across every service (docs/contracts.md, issue 12)."""

from __future__ import annotations

import importlib
import pkgutil
from collections import defaultdict

from oso_shared.problems import Problem

PACKAGES = ("oso_shared", "oso_registry", "oso_dossier", "oso_gateway", "oso_portal", "swv_receiver")


def _import_all(package: str) -> None:
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        # Alembic's env.py runs migrations when imported; __main__ modules serve.
        if ".migrations" in info.name or info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)


def _subclasses(cls: type[Problem]) -> list[type[Problem]]:
    found: list[type[Problem]] = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def test_every_service_package_defines_problems() -> None:
    for package in PACKAGES:
        _import_all(package)
    modules = {cls.__module__.split(".")[0] for cls in _subclasses(Problem)}
    assert set(PACKAGES) - {"oso_portal"} <= modules


def test_one_code_has_one_status_across_services() -> None:
    for package in PACKAGES:
        _import_all(package)
    statuses: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for cls in _subclasses(Problem):
        statuses[cls.code][cls.status].append(f"{cls.__module__}.{cls.__qualname__}")
    clashes = {code: dict(by_status) for code, by_status in statuses.items() if len(by_status) > 1}
    # The service that deviates from the majority aligns (decision 2 of issue 12).
    assert clashes == {}, "\n".join(f"{code}: {by_status}" for code, by_status in sorted(clashes.items()))
