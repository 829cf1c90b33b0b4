"""``GET /hulpvragen``: a minimal page that lists the SWV's hulpvragen through the API.

The page holds no data itself: the user pastes a bearer token (``oso-admin token swv-beheerder --swv ...``),
kept in sessionStorage, and the script calls ``/v1/hulpvragen``; all text is inserted with textContent.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(tags=["pagina"])

PAGINA = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hulpvragen – SWV-ontvanger</title>
<style>
 body { font-family: system-ui, sans-serif; margin: 2rem; color: #1b1b1b; }
 table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
 th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ccc; }
 label { display: block; margin-bottom: .3rem; }
 input { width: 100%; max-width: 40rem; padding: .3rem; }
 button { margin-top: .5rem; padding: .4rem 1rem; }
 #melding { margin-top: .5rem; color: #8a1c1c; }
</style>
</head>
<body>
<main>
<h1>Hulpvragen</h1>
<form id="aanmelden">
 <label for="token">Bearer-token (swv-beheerder)</label>
 <input id="token" name="token" type="password" autocomplete="off" required>
 <button type="submit">Toon hulpvragen</button>
</form>
<p id="melding" role="status" aria-live="polite"></p>
<table aria-describedby="melding">
 <caption>Hulpvragen van jouw samenwerkingsverband, nieuwste eerst</caption>
 <thead><tr><th scope="col">Titel</th><th scope="col">Status</th><th scope="col">School</th>
 <th scope="col">Leerling</th><th scope="col">Ontvangen</th></tr></thead>
 <tbody id="rijen"></tbody>
</table>
</main>
<script>
const veld = document.getElementById("token");
veld.value = sessionStorage.getItem("token") || "";
async function laad() {
  const melding = document.getElementById("melding");
  const rijen = document.getElementById("rijen");
  melding.textContent = "";
  rijen.replaceChildren();
  const antwoord = await fetch("/v1/hulpvragen", { headers: { Authorization: "Bearer " + veld.value } });
  if (!antwoord.ok) {
    const probleem = await antwoord.json().catch(() => ({}));
    melding.textContent = probleem.detail || ("Fout " + antwoord.status);
    return;
  }
  const lijst = await antwoord.json();
  if (lijst.length === 0) { melding.textContent = "Nog geen hulpvragen."; }
  for (const h of lijst) {
    const tr = document.createElement("tr");
    const school = h.brin + (h.vestigingscode || "") + (h.schoolnaam ? " " + h.schoolnaam : "");
    const ontvangen = new Date(h.aangemaakt_op).toLocaleString("nl-NL");
    for (const waarde of [h.titel, h.status, school, h.leerling_naam || "", ontvangen]) {
      const td = document.createElement("td");
      td.textContent = waarde;
      tr.appendChild(td);
    }
    rijen.appendChild(tr);
  }
}
document.getElementById("aanmelden").addEventListener("submit", (e) => {
  e.preventDefault();
  sessionStorage.setItem("token", veld.value);
  laad();
});
if (veld.value) { laad(); }
</script>
</body>
</html>
"""


@router.get("/hulpvragen", response_class=HTMLResponse, include_in_schema=False)
async def hulpvragen_pagina() -> HTMLResponse:
    """The hulpvragen page."""
    return HTMLResponse(PAGINA, headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY"})
