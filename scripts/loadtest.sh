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

# The server's CPU seconds (user+system, from /proc) around each run: CPU
# per request does not depend on what else the machine is doing, so it
# tells what an idle 2-core machine would sustain when the wall-clock
# figures are depressed by other load.
cpu() { awk -v t="$(getconf CLK_TCK)" '{printf "%.3f", ($14+$15)/t}' "/proc/$srv/stat"; }
echo "$(date -u +%FT%TZ), HEAD $(git rev-parse --short HEAD), load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "| mode | articles × mean body | in flight | duration | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | server CPU ms/req |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for mode in analyze get; do
	c="${ANALYZE_C:-8}"; [ "$mode" = get ] && c="${GET_C:-32}"
	before=$(cpu)
	row=$("$tmp/loadgen" -base "http://127.0.0.1:$port" -mode "$mode" -jsonl "$pool" -size 5000 -c "$c" -d "$dur" -warmup 0 -md)
	after=$(cpu)
	n=$(echo "$row" | awk -F'|' '{gsub(/ /,"",$6); print $6}')
	echo "$row $(awk -v a="$after" -v b="$before" -v n="$n" 'BEGIN{printf "%.3f |", (a-b)*1000/(n>0?n:1)}')"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
