#!/usr/bin/env bash
# `grader validate --repeat N` of each exercise timed two ways with the same seeds, one after the other: as it runs
# (a mutant's repeats run only the tests its checks read) and with --full-repeats (every run of every variant runs
# every hidden test, as before focused repeats), then one table: exercise, validate, baseline, ratio. Both must pass.
#
# Usage: bench/validate.sh [REPEAT] [EXERCISE...]      (default: 3, every exercise of exercises/; jobs 2)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPEAT="${1:-3}"
shift || true
if [ "$#" -eq 0 ]; then
  set -- $(for m in "$ROOT"/exercises/*/exercise.yaml; do basename "$(dirname "$m")"; done)
fi
OUT="$(mktemp)"
LOG="$(mktemp)"
trap 'rm -f "$OUT" "$LOG"' EXIT
"$ROOT/grader" --version >/dev/null # build the jar first, outside the timings
seconds() { # runs grader validate with the given options; prints its wall-clock seconds
  local t0 t1
  t0="$(date +%s.%N)"
  if ! "$ROOT/grader" validate "$@" --jobs 2 --db embedded --no-color > "$LOG" 2>&1; then
    cat "$LOG" >&2
    echo "bench/validate.sh: grader validate $* failed (above)" >&2
    exit 1
  fi
  t1="$(date +%s.%N)"
  grep "grading time" "$LOG" >&2 || true
  echo "$t1 - $t0" | bc
}
for exercise in "$@"; do
  seed="$RANDOM$RANDOM"
  echo "== $exercise (repeat $REPEAT, seed $seed)" >&2
  focused="$(seconds "$exercise" --repeat "$REPEAT" --seed "$seed")"
  full="$(seconds "$exercise" --repeat "$REPEAT" --seed "$seed" --full-repeats)"
  echo "$exercise $focused $full" >> "$OUT"
done
echo
echo "| exercise | validate | baseline (--full-repeats) | ratio |"
echo "| --- | --- | --- | --- |"
awk '{ printf "| %s | %.0f s | %.0f s | %.2f |\n", $1, $2, $3, $2 / $3 }' "$OUT"
