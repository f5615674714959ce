#!/usr/bin/env bash
# Rebuilds the vendored and generated explorer assets from pinned inputs (vendored code goes to
# api/assets/vendor/cytoscape, served at /vendor/cytoscape/; generated code to api/assets/explorer):
#   - cytoscape.min.js, Cytoscape's prebuilt UMD file, and the UMD files of its fCoSE layout
#     (cytoscape-fcose.js with its dependencies cose-base.js and layout-base.js), from the npm
#     packages pinned in package.json;
#   - t2s.js, the Traditional→Simplified character map, from OpenCC's TSCharacters.txt in the Go
#     module cache (the opencc version go.mod requires).
# The outputs are committed, so building and running PlanGraph needs no npm; run this only to
# upgrade. The explorer's own code (index.html, *.js, app.css) is plain source in the same folder.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/api/assets/explorer"
vendor="$root/api/assets/vendor/cytoscape"
cd "$here"
npm ci --no-audit --no-fund || npm install --no-audit --no-fund
cp node_modules/cytoscape/dist/cytoscape.min.js "$vendor/"
cp node_modules/layout-base/layout-base.js node_modules/cose-base/cose-base.js \
  node_modules/cytoscape-fcose/cytoscape-fcose.js "$vendor/"

# OpenCC's dictionary ships inside the Go module; make sure it is in the module cache.
opencc=$(cd "$root" && go list -m -f '{{.Dir}}' github.com/longbridgeapp/opencc 2>/dev/null || true)
if [ -z "$opencc" ] || [ ! -d "$opencc" ]; then
  (cd "$root" && go mod download github.com/longbridgeapp/opencc)
  opencc=$(cd "$root" && go list -m -f '{{.Dir}}' github.com/longbridgeapp/opencc)
fi
node gen-t2s.mjs "$opencc/dictionary/TSCharacters.txt" "$out/t2s.js" \
  "$(cd "$root" && go list -m -f '{{.Path}}@{{.Version}}' github.com/longbridgeapp/opencc)"

# The licences of the vendored code, served beside it.
{
  for p in cytoscape cytoscape-fcose cose-base layout-base; do
    printf '==== %s@%s (npm) ====\n' "$p" "$(node -p "require('./node_modules/$p/package.json').version")"
    cat "node_modules/$p/LICENSE"
    printf '\n'
  done
  printf '==== OpenCC dictionary (t2s.js) ====\nApache License 2.0: https://github.com/BYVoid/OpenCC/blob/master/LICENSE\n'
} > "$vendor/LICENSES.txt"

{
  node -e 'const p=require("./package.json").dependencies; console.log(Object.entries(p).map(([k,v])=>k+"@"+v).join("\n"))'
  (cd "$root" && go list -m -f '{{.Path}}@{{.Version}} (dictionary/TSCharacters.txt → t2s.js)' github.com/longbridgeapp/opencc)
} > "$vendor/VERSIONS"
echo "explorer assets written to $out"
