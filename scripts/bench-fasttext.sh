#!/bin/sh
# Side-by-side benchmark of Debian's fastText and credence's reliability
# model on the same grouped splits of the pool: leave-one-dataset-out over
# the four datasets and 5-fold outlet-grouped cross-validation. Both get
# the same text (title + body, outlet tells such as wire datelines
# stripped by model.Clean). Prints a Markdown table.
#
# Needs: apt-get install -y fasttext time   (fasttext 0.9.2+ds-1 on Debian 12)
# Usage: scripts/bench-fasttext.sh [-pool FILE] [-folds K] [-epochs N] [-threads T] [-only NAME]
set -eu
cd "$(dirname "$0")/.."
command -v fasttext >/dev/null || { echo "bench-fasttext: fasttext not found (apt-get install -y fasttext)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench-fasttext: /usr/bin/time not found (apt-get install -y time)" >&2; exit 1; }
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/credence" ./cmd/credence
go build -o "$bin/benchfasttext" ./scripts/benchfasttext
"$bin/benchfasttext" -credence "$bin/credence" -fasttext "$(command -v fasttext)" "$@"
