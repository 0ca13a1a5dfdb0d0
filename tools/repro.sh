#!/usr/bin/env bash
# Reproducible packages: builds the committed HEAD twice, in two fresh clones at
# different paths with their own cargo target dirs, and fails unless every zip is
# byte-identical between the two. (Uncommitted changes are not part of either build.)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$root/target/repro
rm -rf "$work" && mkdir -p "$work"
for side in a b; do
  git clone --quiet --no-hardlinks "$root" "$work/$side"
  # The npm packages are the locked ones either way; linking them saves a download.
  cp -al "$root/e2e/node_modules" "$work/$side/e2e/node_modules"
  touch "$work/$side/e2e/node_modules/.installed"
  make -C "$work/$side" --no-print-directory all >"$work/$side.log" 2>&1 || { tail -30 "$work/$side.log"; exit 1; }
done
status=0
count=0
for zip in "$work"/a/dist/*.zip; do
  name=$(basename "$zip")
  count=$((count + 1))
  if cmp -s "$zip" "$work/b/dist/$name"; then
    echo "reproducible: $name ($(wc -c <"$zip") bytes, sha256 $(sha256sum "$zip" | cut -c1-16)…)"
  else
    echo "NOT reproducible: $name differs between two builds of $(git rev-parse --short HEAD)"
    status=1
  fi
done
[ "$count" -ge 2 ] || { echo "expected a zip per browser, found $count"; exit 1; }
rm -rf "$work"
exit $status
