#!/bin/sh
# make schema-test: the real taplo CLI (npm @taplo/cli, WebAssembly in Node, installed here from
# the lock file) validates every shipped scenario against docs/scenario.schema.json through the
# #:schema line on its first line, and must reject every bad fixture under
# game/scenario/testdata/bad. The schema is read by local path only; taplo runs with no
# configuration search and without the online catalogs (it only uses them with
# --default-schema-catalogs), and, where the system allows (unshare), in a namespace with no
# network at all, so an attempt to download anything would fail the test.
set -eu
cd "$(dirname "$0")/../.."
dir=.ci/taplo
[ -x $dir/node_modules/.bin/taplo ] || npm ci --prefix $dir --no-audit --no-fund >/dev/null
taplo="$dir/node_modules/.bin/taplo"
offline=""
if unshare -rn true 2>/dev/null; then offline="unshare -rn"; fi
schema="file://$PWD/docs/scenario.schema.json"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "taplo $($taplo --version | cut -d' ' -f2)${offline:+, no network ($offline)}"
fail=0
for f in scenarios/*.toml; do
	if $offline $taplo lint --no-auto-config "$f" >"$log" 2>&1; then
		echo "ok      $f"
	else
		echo "INVALID $f"; grep -E '^(error|ERROR)' "$log" | head -5; fail=1
	fi
	if grep -qiE 'https?://|fetch|download' "$log"; then
		echo "taplo tried the network for $f:"; grep -iE 'https?://|fetch|download' "$log" | head -3; fail=1
	fi
done
# The #:schema line is really read: a shipped scenario with one key too many, in a copy of the
# layout (scenarios/ next to docs/), must be rejected through it.
tmp=$(mktemp -d)
trap 'rm -f "$log"; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/scenarios" "$tmp/docs"
cp docs/scenario.schema.json "$tmp/docs/"
sed 's/^sprints = /colour = "red"\nsprints = /' scenarios/tutorial.toml >"$tmp/scenarios/tutorial.toml"
if (cd "$tmp" && $offline "$OLDPWD/$taplo" lint --no-auto-config scenarios/tutorial.toml) >"$log" 2>&1; then
	echo "ACCEPTED a tutorial with an unknown key: the #:schema line is not read"; fail=1
else
	echo "rejected tutorial.toml + colour = \"red\" through its #:schema line: $(grep -m1 '^error' "$log" | cut -c8-)"
fi
for f in game/scenario/testdata/bad/*.toml; do
	if $offline $taplo lint --no-auto-config --schema "$schema" "$f" >"$log" 2>&1; then
		echo "ACCEPTED $f (a bad fixture must be rejected)"; fail=1
	else
		echo "rejected $f: $(grep -c '^error' "$log") errors, first: $(grep -m1 '^error' "$log" | cut -c8-)"
	fi
done
exit $fail
