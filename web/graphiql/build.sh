#!/usr/bin/env bash
# Rebuilds the vendored GraphiQL files (served at /vendor/graphiql/, used by /graphiql) from the
# pinned npm packages. The built files
# are committed, so building and running PlanGraph needs no npm; run this only to upgrade.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../api/assets/vendor/graphiql"
cd "$here"
npm ci --no-audit --no-fund || npm install --no-audit --no-fund
cp node_modules/graphiql/graphiql.min.js node_modules/graphiql/graphiql.min.css "$out/"
cp node_modules/react/umd/react.production.min.js node_modules/react-dom/umd/react-dom.production.min.js "$out/"
node -e 'const p=require("./package.json").dependencies; console.log(Object.entries(p).map(([k,v])=>k+"@"+v).join("\n"))' > "$out/VERSIONS"
echo "GraphiQL assets written to $out"
