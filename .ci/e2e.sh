#!/usr/bin/env bash
# Browser end-to-end test: drives Debian's chromium (through chromedp)
# through paste -> article page -> search -> dashboard and saves
# screenshots. Installs chromium with apt when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
	echo "e2e: installing chromium"
	export DEBIAN_FRONTEND=noninteractive
	# apt may be busy right after boot: retry a few times.
	for i in 1 2 3 4 5; do
		if apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; then
			break
		fi
		echo "e2e: apt failed (try $i), retrying"; sleep 10
	done
fi
command -v chromium >/dev/null 2>&1 || { echo "e2e: chromium could not be installed"; exit 1; }

export CREDENCE_E2E=1
export CREDENCE_ARTIFACTS="${CREDENCE_ARTIFACTS:-${TMPDIR:-/tmp}/credence-e2e}"
mkdir -p "$CREDENCE_ARTIFACTS"
echo "e2e: screenshots in $CREDENCE_ARTIFACTS"
go test -count=1 -run 'TestE2EBrowser' -v ./internal/server/
