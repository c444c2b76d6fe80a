#!/usr/bin/env bash
# Measures fa on code that never imports the allocator, next to go vet and
# the SSA floor (bench/ssafloor: buildssa on every package, nothing else):
#   1. golang.org/x/tools@v0.52.0 (./..., tests included), a large module;
#   2. the Go standard library (std);
# then on allocator-heavy code (the examples module and the evaluation
# corpus modules), where fa does all its work, as CPU time against the SSA
# floor on the same packages (3 alternating rounds; the ratio is printed).
# Every tool must finish with no diagnostics. Prints wall time and peak RSS
# (GNU time) for each run. Compiled dependencies are cached first
# (go list -export), so go vet is measured "warm-build" and no tool pays
# for compiling.
#
# Usage: bash bench/robustness.sh      (needs GNU time at /usr/bin/time)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== building fa and ssafloor"
(cd "$repo" && go build -o "$work/fa" ./cmd/fa && go build -o "$work/ssafloor" ./bench/ssafloor)

echo "== corpus: golang.org/x/tools@v0.52.0"
src=$(cd "$repo" && go mod download -json golang.org/x/tools@v0.52.0 | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
cp -r "$src" "$work/xt" && chmod -R u+w "$work/xt"
cd "$work/xt"
go mod download
go list -export -deps -test ./... >/dev/null

measure() { # name, command...
	local name=$1; shift
	local out="$work/out.txt" tv="$work/time.txt"
	set +e
	/usr/bin/time -v "$@" >"$out" 2>"$tv.err"
	local code=$?
	set -e
	grep -v '^\s' "$tv.err" | grep -v '^Command' >"$out.stderr" || true
	local wall rss
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tv.err")
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tv.err")
	local lines
	lines=$(grep -c . "$out" || true)
	printf '%-34s exit %d  wall %8s  peak RSS %5d MB  output lines %d\n' "$name" "$code" "$wall" $((rss / 1024)) "$lines"
	if [ "$code" -ne 0 ] || [ "$lines" -ne 0 ]; then
		echo "--- $name printed:"; head -20 "$out" "$out.stderr"
		return 1
	fi
}

echo "== x/tools ./... (tests included)"
measure "fa --all ./..." "$work/fa" --all ./...
measure "fa --all --driver=vet ./..." "$work/fa" --all --driver=vet ./...
measure "ssafloor ./..." "$work/ssafloor" ./...
measure "go vet ./..." go vet ./...

echo "== standard library"
measure "fa --all std" "$work/fa" --all std
measure "ssafloor std" "$work/ssafloor" std
measure "go vet std" go vet std

echo "== allocator-heavy code: fa --all against the SSA floor (CPU seconds, user+sys)"
cpu() { # command...: prints user+sys seconds
	/usr/bin/time -f '%U %S' "$@" >/dev/null 2>"$work/cpu.txt" || true
	tail -1 "$work/cpu.txt" | awk '{print $1 + $2}'
}
dirs="$repo/examples"
for d in "$repo"/testdata/corpus/*/; do
	[ -f "$d/go.mod" ] && dirs="$dirs $d"
done
fa_total=0 floor_total=0
for round in 1 2 3; do
	for d in $dirs; do
		f=$(cd "$d" && GOWORK=off cpu "$work/fa" --all ./...)
		s=$(cd "$d" && GOWORK=off cpu "$work/ssafloor" ./...)
		fa_total=$(awk -v a="$fa_total" -v b="$f" 'BEGIN{print a + b}')
		floor_total=$(awk -v a="$floor_total" -v b="$s" 'BEGIN{print a + b}')
	done
done
printf 'fa --all  %7.2f s CPU\nssafloor  %7.2f s CPU\nratio     %7.2f (fa / floor, %d modules x 3 rounds)\n' \
	"$fa_total" "$floor_total" "$(awk -v a="$fa_total" -v b="$floor_total" 'BEGIN{print a / b}')" "$(echo $dirs | wc -w)"
