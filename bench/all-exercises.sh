#!/usr/bin/env bash
# Every exercise of exercises/ graded side by side with its Maven baseline (bench/grade-vs-maven.sh, RUNS runs each,
# medians), then one table: exercise, grader, baseline, ratio. The target of issue 19 is a ratio of at most 0.40.
#
# Usage: bench/all-exercises.sh [RUNS]      (default: 3)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
OUT="$(mktemp)"
ONE="$(mktemp)"
trap 'rm -f "$OUT" "$ONE"' EXIT
for manifest in "$ROOT"/exercises/*/exercise.yaml; do
  exercise="$(basename "$(dirname "$manifest")")"
  echo "== $exercise" >&2
  "$ROOT/bench/grade-vs-maven.sh" "$exercise" "$RUNS" > "$ONE"
  cat "$ONE" >&2
  awk -v e="$exercise" '
    /^  baseline/ { b = $(NF-1) } /^  grader \(/ { g = $(NF-1) }
    END { printf "%s %s %s\n", e, g, b }' "$ONE" >> "$OUT"
done
echo
echo "| exercise | grader | baseline | ratio |"
echo "| --- | --- | --- | --- |"
awk '{ printf "| %s | %.2f s | %.2f s | %.2f |\n", $1, $2, $3, $2 / $3 }' "$OUT"
