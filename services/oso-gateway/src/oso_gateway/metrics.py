"""Outbox and delivery figures for ``/metrics``, read from the database at scrape time.

The worker runs in its own process, so in-process counters in the API would miss its work; the outbox and
delivery tables hold the truth for every process, and a scrape reads them once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from prometheus_client.core import GaugeMetricFamily, HistogramMetricFamily
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Receive, Scope, Send

from oso_gateway.afleveringen import repository as afleveringen_repository
from oso_gateway.outbox import repository as outbox_repository
from oso_shared.app import scrape_allowed
from oso_shared.db import Database

LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 1800.0)


@dataclass
class Snapshot:
    """Figures of the last scrape."""

    outbox: Sequence[tuple[str, str, int, int, int]] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    latency_buckets: Sequence[int] = field(default_factory=list)
    latency_count: int = 0
    latency_sum: float = 0.0


class GatewayCollector(Collector):
    """Renders the latest :class:`Snapshot`."""

    def __init__(self) -> None:
        self.snapshot = Snapshot()

    async def refresh(self, database: Database) -> None:
        """Read the figures (one short transaction)."""
        async with database.transaction() as session:
            outbox = await outbox_repository.figures(session)
            statuses = await afleveringen_repository.count_by_status(session)
            buckets, count, total = await afleveringen_repository.latency_histogram(session, LATENCY_BUCKETS)
        self.snapshot = Snapshot(outbox, statuses, buckets, count, total)

    def collect(self) -> Iterator[GaugeMetricFamily | HistogramMetricFamily]:
        snap = self.snapshot
        depth = GaugeMetricFamily("gateway_outbox_depth", "Outbox rows per kind and status", labels=["kind", "status"])
        attempts = GaugeMetricFamily(
            "gateway_outbox_attempts", "Delivery attempts of current outbox rows", labels=["kind"]
        )
        failures = GaugeMetricFamily("gateway_outbox_failures", "Failed delivery attempts recorded", labels=["kind"])
        dead = GaugeMetricFamily("gateway_outbox_dead_letters", "Outbox rows given up (dead letters)", labels=["kind"])
        per_kind_attempts: dict[str, int] = {}
        per_kind_failures: dict[str, int] = {}
        per_kind_dead: dict[str, int] = {}
        for kind, status, rows, tries, failed in snap.outbox:
            depth.add_metric([kind, status], rows)
            per_kind_attempts[kind] = per_kind_attempts.get(kind, 0) + tries
            per_kind_failures[kind] = per_kind_failures.get(kind, 0) + failed
            per_kind_dead[kind] = per_kind_dead.get(kind, 0) + (rows if status == "dead" else 0)
        for kind, tries in per_kind_attempts.items():
            attempts.add_metric([kind], tries)
            failures.add_metric([kind], per_kind_failures[kind])
            dead.add_metric([kind], per_kind_dead[kind])
        yield from (depth, attempts, failures, dead)
        afleveringen = GaugeMetricFamily("gateway_afleveringen", "Deliveries per status", labels=["status"])
        for status, rows in sorted(snap.statuses.items()):
            afleveringen.add_metric([status], rows)
        yield afleveringen
        latency = HistogramMetricFamily(
            "gateway_delivery_latency_seconds", "From intake to notificatie verzonden (all deliveries so far)"
        )
        if snap.latency_buckets:
            latency.add_metric(
                [],
                [
                    *((str(b), float(n)) for b, n in zip(LATENCY_BUCKETS, snap.latency_buckets, strict=True)),
                    ("+Inf", float(snap.latency_count)),
                ],
                snap.latency_sum,
            )
        yield latency


class RefreshMetricsMiddleware:
    """Refreshes the collector just before ``/metrics`` renders."""

    def __init__(self, app: ASGIApp, collector: GatewayCollector, database: Database, token: str | None) -> None:
        self.app = app
        self.collector = collector
        self.database = database
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Only an authorised scrape costs database queries; the route itself answers 401 to the others.
        if scope["type"] == "http" and scope["path"] == "/metrics" and self._authorised(scope):
            # A database outage must not break the scrape of the other metrics.
            with contextlib.suppress(Exception):  # the previous snapshot stays in place
                await self.collector.refresh(self.database)
        await self.app(scope, receive, send)

    def _authorised(self, scope: Scope) -> bool:
        authorization = dict(scope.get("headers", [])).get(b"authorization", b"").decode("latin-1")
        return scrape_allowed(authorization, self.token)
