#!/usr/bin/env bash
# One VO-SWV dossier through the whole chain against `make run`: compose → valideren → opvraagbaar maken →
# hulpvraag at the reference SWV receiver → terugkoppeling back on the dossier. Needs only curl and uv.
set -euo pipefail
cd "$(dirname "$0")/.."

# Development only: oso-admin token signs with the portal key `make run` keeps in .run/keys.
export OSO_OMGEVING=ontwikkeling
json() { uv run -q python -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
ZC=$(uv run -q oso-admin token zorgcoordinator --school 99AA)   # zorgcoördinator of 99AA
SWV=$(uv run -q oso-admin token swv-beheerder --swv VO2801)     # a user of SWV VO Rijnmond
REG=http://127.0.0.1:8001/v1 DOS=http://127.0.0.1:8002/v1 RCV=http://127.0.0.1:8004/v1

echo "1. Kies een leerling en het aanleverpunt van het SWV (eindigt op 500)"
LEERLING=$(curl -sf -H "Authorization: Bearer $ZC" "$DOS/leerlingen" | json 'd[0]["id"]')
AANLEVERPUNT=$(curl -sf -H "Authorization: Bearer $ZC" "$REG/scholen/99AA/aanleverpunten?dienst=OSO-SWV" | json 'd[0]["id"]')

echo "2. Maak het VO-SWV-dossier, voltooi, genereer, valideer en maak het opvraagbaar"
DOSSIER=$(curl -sf -H "Authorization: Bearer $ZC" -H 'content-type: application/json' \
  -d "{\"leerling_id\": \"$LEERLING\", \"vestigingscode\": \"00\", \"aanleverpunt_id\": \"$AANLEVERPUNT\"}" \
  "$DOS/dossiers" | json 'd["id"]')
for actie in voltooien genereren valideren opvraagbaar-maken; do
  printf '   %-18s → ' "$actie"
  curl -sf -X POST -H "Authorization: Bearer $ZC" "$DOS/dossiers/$DOSSIER/$actie" | json 'd["status"], d.get("melding") or ""'
done

echo "3. Het SWV haalt het dossier op; er staat een nieuwe hulpvraag klaar"
sleep 3
HULPVRAAG=$(curl -sf -H "Authorization: Bearer $SWV" "$RCV/hulpvragen" | json 'd[0]["id"]')
curl -sf -H "Authorization: Bearer $SWV" "$RCV/hulpvragen/$HULPVRAAG" | json '"   " + d["titel"] + " (" + d["status"] + ")"'

echo "4. Het SWV kent de hulpvraag toe en stuurt een terugkoppeling"
curl -sf -X POST -H "Authorization: Bearer $SWV" "$RCV/hulpvragen/$HULPVRAAG/toekennen" >/dev/null
curl -sf -X POST -H "Authorization: Bearer $SWV" -H 'content-type: application/json' \
  -d '{"status": "in_behandeling", "bericht": "De aanvraag is ontvangen en wordt besproken in de commissie."}' \
  "$RCV/hulpvragen/$HULPVRAAG/terugkoppeling" >/dev/null

echo "5. De school ziet de terugkoppeling bij het dossier"
sleep 3
curl -sf -H "Authorization: Bearer $ZC" "$DOS/dossiers/$DOSSIER" | json '"   status: " + d["status"] + " — " + str(d.get("terugkoppeling"))'
curl -sf -H "Authorization: Bearer $ZC" "$DOS/dossiers/$DOSSIER/tijdlijn" | json '"\n".join("   " + t["op"][:19] + "  " + t["soort"] for t in d)'
