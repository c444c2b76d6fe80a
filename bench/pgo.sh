#!/usr/bin/env bash
# Measures what profile-guided optimization (PGO) does to the allocator's
# fast paths. The Go inliner refuses Frame, Pool, PoolFree, EnterTag and
# Exit in a default build (their fast paths cost more than its budget of
# 80); with a CPU profile that shows their call sites hot, it inlines them
# there. The script
#   1. takes a CPU profile of the allocator benchmarks (one run),
#   2. builds the benchmark binary twice, without and with -pgo=that profile,
#      and lists the allocator calls the PGO build inlines at hot sites,
#   3. runs the two binaries alternately, ROUNDS rounds of one run each, so
#      both see the same machine load, and compares them with benchstat.
# A program gets the same effect with a default.pgo taken from its own
# production profile (go build -pgo=auto, the default since Go 1.21).
#
# Usage: bash bench/pgo.sh [ROUNDS]     (default 10; needs benchstat:
#        go install golang.org/x/perf/cmd/benchstat@latest)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
benches='^(BenchmarkFrame|BenchmarkFrame100k|BenchmarkPool|BenchmarkPool256|BenchmarkFrameLoop|BenchmarkTag|BenchmarkTransfer)$'
command -v benchstat >/dev/null || { echo "benchstat not found: go install golang.org/x/perf/cmd/benchstat@latest" >&2; exit 2; }

cd "$repo/allocator"
echo "== profile: one run of the benchmarks"
go test -run '^$' -bench "$benches" -count 1 -cpuprofile "$work/cpu.pprof" -o "$work/prof.test" . >/dev/null

echo "== building the benchmark binary without and with -pgo"
go test -c -o "$work/base.test" .
go test -c -pgo="$work/cpu.pprof" -o "$work/pgo.test" .
inlined() { # build flags...: where the benchmarks got an allocator fast path inlined
	go test -c "$@" -gcflags=-m -o /dev/null . 2>&1 |
		grep -E '^\./(bench|tagscope)_test\.go:.*inlining call to ((Frame|Pool|PoolFree)\[go\.shape|\(\*Local\)\.EnterTag$|TagScope\.Exit$)' |
		sed -E 's/^\.\/([a-z_]+\.go:[0-9]+):[0-9]+: inlining call to ([^[]+).*/\1 \2/' | sort -u
}
inlined >"$work/inl.base"
inlined -pgo="$work/cpu.pprof" >"$work/inl.pgo"
echo "allocator fast paths inlined only in the PGO build:"
comm -13 "$work/inl.base" "$work/inl.pgo" | sed 's/^/  /'

: >"$work/base.txt"
: >"$work/pgo.txt"
for i in $(seq 1 "$rounds"); do
	echo "== round $i/$rounds"
	for v in base pgo; do
		[ $((i % 2)) -eq 0 ] && v=$([ "$v" = base ] && echo pgo || echo base)
		"$work/$v.test" -test.run '^$' -test.bench "$benches" -test.count 1 -test.timeout 30m >>"$work/$v.txt"
	done
done
echo "== default build vs PGO build (same rounds)"
benchstat "$work/base.txt" "$work/pgo.txt"
echo "== PGO build alone"
benchstat "$work/pgo.txt"
