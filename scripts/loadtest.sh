#!/usr/bin/env bash
# Load test of credence serve on loopback (bounded: two runs of -d each).
# Starts a server on a fresh data directory, runs scripts/loadgen against
# POST /api/v1/analyze (a 5 KB article from the pool) and GET of a stored
# article, prints Markdown table rows, and stops the server.
#
#   scripts/loadtest.sh [POOL.jsonl] [DURATION]
set -euo pipefail
cd "$(dirname "$0")/.."
pool="${1:-../shared/data/news/pool.jsonl}"
dur="${2:-10s}"
port="${PORT:-18473}"
tmp="$(mktemp -d)"
trap 'kill "$srv" 2>/dev/null || true; wait "$srv" 2>/dev/null || true; rm -rf "$tmp"' EXIT

go build -o "$tmp/credence" ./cmd/credence
go build -o "$tmp/loadgen" ./scripts/loadgen
"$tmp/credence" serve --data "$tmp/data" --addr "127.0.0.1:$port" --log-level warn &
srv=$!
for _ in $(seq 50); do
	curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
	sleep 0.1
done

echo "| mode | body | in flight | duration | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
"$tmp/loadgen" -base "http://127.0.0.1:$port" -mode analyze -jsonl "$pool" -size 5000 -c "${ANALYZE_C:-8}" -d "$dur" -md
"$tmp/loadgen" -base "http://127.0.0.1:$port" -mode get -jsonl "$pool" -size 5000 -c "${GET_C:-32}" -d "$dur" -md
