#!/usr/bin/env bash
# Load benchmark of examples/server: the JSON API with per-request frames
# against the same handlers on the Go heap, under wrk. Installs wrk (Debian
# package) when missing, builds the server, and runs bench/httpload with the
# arguments given (see go run ./bench/httpload -h). Results: BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
	sudo=""
	if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq wrk
fi
mkdir -p bin
go build -C examples -o ../bin/httpload-server ./server
go run ./bench/httpload -server bin/httpload-server "$@"
