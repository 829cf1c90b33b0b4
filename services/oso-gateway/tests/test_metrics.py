"""/metrics exposes outbox depth, attempts, failures, dead letters and delivery latency."""

from __future__ import annotations

import uuid

import httpx
import respx
from prometheus_client.parser import text_string_to_metric_families

from .helpers import Aanleveren, Step


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


async def test_metrics_exposed(
    client: httpx.AsyncClient, aanleveren: Aanleveren, step: Step, peers: respx.MockRouter
) -> None:
    ok, failing = uuid.uuid4(), uuid.uuid4()
    await aanleveren(ok)
    assert await step()  # ok: notified
    await aanleveren(failing)
    peers["swv"].respond(404)
    while await step():  # failing: dead letter at once (4xx); the status events go out too
        pass

    response = await client.get("/metrics")
    assert response.status_code == 200
    samples = _samples(response.text)
    assert samples[("gateway_outbox_dead_letters", (("kind", "notificatie"),))] == 1
    assert samples[("gateway_outbox_depth", (("kind", "notificatie"), ("status", "done")))] == 1
    assert samples[("gateway_outbox_depth", (("kind", "notificatie"), ("status", "dead")))] == 1
    assert samples[("gateway_outbox_attempts", (("kind", "notificatie"),))] == 2
    assert samples[("gateway_outbox_failures", (("kind", "notificatie"),))] == 1
    assert samples[("gateway_delivery_latency_seconds_count", ())] == 1
    assert samples[("gateway_delivery_latency_seconds_bucket", (("le", "+Inf"),))] == 1
    assert samples[("gateway_afleveringen", (("status", "mislukt"),))] == 1
    assert samples[("gateway_afleveringen", (("status", "notificatie_verzonden"),))] == 1
    assert ("http_requests_total", (("method", "POST"), ("route", "/v1/afleveringen"), ("status", "201"))) in samples
