#!/usr/bin/env bash
# Refresh the vendored htmx and NL Design System CSS from npm (run by a developer, not at build or run time).
set -euo pipefail
dest="$(cd "$(dirname "$0")/.." && pwd)/src/oso_portal/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent htmx.org@2.0.11 @utrecht/component-library-css@9.0.4 @nl-design-system-unstable/voorbeeld-design-tokens@7.4.1 >/dev/null
for f in *.tgz; do mkdir -p "x_$f"; tar xzf "$f" -C "x_$f"; done
cp x_htmx.org-*/package/dist/htmx.min.js "$dest/htmx/htmx.min.js"
cp x_htmx.org-*/package/LICENSE "$dest/htmx/LICENSE"
cp x_utrecht-component-library-css-*/package/dist/index.css "$dest/utrecht/component-library.css"
cp x_utrecht-component-library-css-*/package/LICENSE.md "$dest/utrecht/LICENSE.md"
cp x_nl-design-system-unstable-voorbeeld-design-tokens-*/package/dist/theme.css "$dest/voorbeeld-theme/theme.css"
cp x_nl-design-system-unstable-voorbeeld-design-tokens-*/package/LICENSE.md "$dest/voorbeeld-theme/LICENSE.md"
echo "vendored into $dest"
