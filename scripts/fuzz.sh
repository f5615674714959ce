#!/usr/bin/env bash
# Runs every fuzz target of the module for a bounded time each (default 20s). The seed corpora
# (testdata/fuzz) already run as part of `go test ./...`.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-20s}
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "fuzz: $pkg $target ($fuzztime)"
    go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" >/tmp/fuzz.$$.log 2>&1 || { cat /tmp/fuzz.$$.log; exit 1; }
    tail -n 1 /tmp/fuzz.$$.log
  done
done
