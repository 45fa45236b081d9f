#!/usr/bin/env bash
# Lays out one hostile case as a submission folder, to grade it by hand:
#   corpus/hostile/materialise.sh CASE DIR && ./grader grade --exercise <exercise of CASE> DIR
# The case's expect.yaml names the exercise and the base (solution, starter or empty); its *.patch files are
# applied to the base and its other files laid over it. Cases with `generate:` or `links:` in expect.yaml get
# those from the corpus test only (HostileCorpusTest); follow expect.yaml to make them by hand.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CASE="${1:?usage: materialise.sh CASE DIR}"
DIR="${2:?usage: materialise.sh CASE DIR}"
SRC="$HERE/$CASE"
EXERCISE="$(sed -n 's/^exercise: *//p' "$SRC/expect.yaml")"
BASE="$(sed -n 's/^base: *//p' "$SRC/expect.yaml")"
mkdir -p "$DIR"
case "$BASE" in
  solution) cp -R "$REPO/exercises/$EXERCISE/starter/." "$DIR/"; cp -R "$REPO/exercises/$EXERCISE/solution/." "$DIR/" ;;
  starter) cp -R "$REPO/exercises/$EXERCISE/starter/." "$DIR/" ;;
  empty) ;;
  *) echo "unknown base '$BASE' in $SRC/expect.yaml" >&2; exit 2 ;;
esac
for p in "$SRC"/*.patch; do
  [ -e "$p" ] || continue
  (cd "$DIR" && patch -s -p1 < "$p")
done
for f in "$SRC"/*; do
  case "$(basename "$f")" in expect.yaml|*.patch|*.md) continue ;; esac
  cp -R "$f" "$DIR/"
done
echo "$DIR: case $CASE on $EXERCISE ($BASE); grade it with ./grader grade --exercise $EXERCISE $DIR"
