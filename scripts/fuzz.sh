#!/usr/bin/env bash
# Runs every fuzz target of the module for a bounded time each (default 20s). The seed corpora
# (testdata/fuzz) already run as part of `go test ./...`.
#
# Go 1.26's fuzz coordinator can report "context deadline exceeded" as a failure when -fuzztime
# runs out while a worker is busy (go.dev/issue/75804, fixed in Go 1.27). That failure writes no
# failing input. Such a run is tried once more; a run that writes a failing input, or fails
# twice, fails CI.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-20s}
log=/tmp/fuzz.$$.log
trap 'rm -f "$log"' EXIT
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "fuzz: $pkg $target ($fuzztime)"
    for attempt in 1 2; do
      if go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" >"$log" 2>&1; then
        break
      fi
      if [ "$attempt" = 1 ] && grep -qx '    context deadline exceeded' "$log" && ! grep -q 'Failing input written to' "$log"; then
        echo "fuzz: $target stopped on Go's fuzztime shutdown race (go.dev/issue/75804), with no failing input; running it again"
        continue
      fi
      cat "$log"
      exit 1
    done
    tail -n 1 "$log"
  done
done
