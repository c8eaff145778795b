#!/usr/bin/env bash
# Installs the Debian packages that building and testing lienthong need, and
# only those that are missing, so a second run does nothing. Never prompts.
# Go itself is expected at /usr/local/go (or on PATH); it is not a Debian
# package here because Debian's is older than go.mod asks for.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Add packages here as the project needs them, e.g. chromium and
# chromium-driver for browser tests, postgresql for the read model on
# PostgreSQL.
APT_PACKAGES=(
	build-essential # gcc: cgo, needed by go test -race
	git
	make
	postgresql # the read model's test suite on PostgreSQL (scripts/postgres.sh)
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

if ((${#missing[@]} == 0)); then
	echo "install-deps: Debian packages present: ${APT_PACKAGES[*]}"
else
	echo "install-deps: installing ${missing[*]}"
	sudo=()
	if [[ $(id -u) -ne 0 ]]; then
		sudo=(sudo -n)
	fi
	export DEBIAN_FRONTEND=noninteractive
	"${sudo[@]}" apt-get update -q
	"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
fi

if ! command -v go >/dev/null; then
	if [[ -x /usr/local/go/bin/go ]]; then
		echo "install-deps: go is at /usr/local/go/bin but not on PATH; add it" >&2
	else
		echo "install-deps: Go is not installed (need $(awk '/^go /{print $2}' go.mod) or newer)" >&2
	fi
	exit 1
fi
echo "install-deps: $(go version)"
