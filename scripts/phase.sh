#!/usr/bin/env bash
# Usage: scripts/phase.sh NAME COMMAND [ARG...]
# Runs COMMAND as a named phase and prints how long it took, so CI logs show
# where the time goes. Exits with COMMAND's status.
set -uo pipefail
name=$1
shift
start=$SECONDS
echo "==> ${name}"
"$@"
rc=$?
elapsed=$((SECONDS - start))
if ((rc == 0)); then
	printf '<== %s: ok in %dm%02ds\n' "$name" $((elapsed / 60)) $((elapsed % 60))
else
	printf '<== %s: FAILED (exit %d) after %dm%02ds\n' "$name" "$rc" $((elapsed / 60)) $((elapsed % 60))
fi
exit "$rc"
