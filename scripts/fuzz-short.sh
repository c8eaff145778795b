#!/usr/bin/env bash
# Usage: scripts/fuzz-short.sh [PACKAGE...]   (default: ./...)
# Runs every fuzz test (func FuzzXxx(f *testing.F)) of the module's packages
# for a short while each: FUZZTIME (default 10s). New fuzz tests are picked up
# automatically. Runs them all and exits non-zero if any failed; a failing
# input is saved under the package's testdata/fuzz/ for `go test` to replay.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

fuzztime=${FUZZTIME:-10s}
pkgs=("$@")
((${#pkgs[@]})) || pkgs=(./...)

# One line per package that has test files: "<import path> <dir> <file>...".
# go list only parses, so it works even while some package does not compile.
listing=$(go list -e -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}} {{.Dir}} {{join .TestGoFiles " "}} {{join .XTestGoFiles " "}}{{end}}' "${pkgs[@]}")

targets=()
while read -r pkg dir files; do
	[[ -n ${pkg:-} ]] || continue
	for f in $files; do
		while read -r name; do
			[[ -n $name ]] && targets+=("$pkg $name")
		done < <(grep -oE '^func Fuzz[A-Za-z0-9_]*\(' "$dir/$f" | sed -e 's/^func //' -e 's/($//')
	done
done <<<"$listing"

if ((${#targets[@]} == 0)); then
	echo "fuzz-short: no fuzz tests found"
	exit 0
fi

echo "fuzz-short: ${#targets[@]} fuzz test(s), ${fuzztime} each"
failed=()
for t in "${targets[@]}"; do
	read -r pkg name <<<"$t"
	echo "--- fuzz ${pkg} ${name}"
	if ! go test -run='^$' -fuzz="^${name}\$" -fuzztime="$fuzztime" -fuzzminimizetime=50x "$pkg"; then
		failed+=("$pkg $name")
	fi
done

if ((${#failed[@]})); then
	echo "fuzz-short: FAILED:"
	printf '  %s\n' "${failed[@]}"
	exit 1
fi
echo "fuzz-short: all passed"
