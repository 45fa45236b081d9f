#!/usr/bin/env bash
# How grade-all scales with the batch: SMALL and then LARGE copies of an exercise's reference solution, each batch
# graded by one `grader grade-all --jobs JOBS` (similarity off: it compares every pair, which grows with the square
# of the batch and is measured by bench/similarity.sh). Prints both wall times, their ratio against the ratio of the
# batch sizes (issue 19: 100 submissions in at most five times the time of 20), the grader's peak memory in each
# run, and checks that every copy of the reference got full marks.
#
# Usage: bench/grade-all-scaling.sh [EXERCISE] [SMALL] [LARGE] [JOBS]      (default: rate-limiter 20 100 2)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXERCISE="${1:-rate-limiter}"
SMALL="${2:-20}"
LARGE="${3:-100}"
JOBS="${4:-2}"
EX="$ROOT/exercises/$EXERCISE"
[ -f "$EX/exercise.yaml" ] || { echo "no exercise $EXERCISE" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$ROOT/grader" --version >/dev/null   # builds the jar if needed

batch() { # N -> a folder of N copies of the reference solution
  local dir="$WORK/subs-$1"
  for i in $(seq -w 1 "$1"); do
    mkdir -p "$dir/good-$i"; cp -r "$EX/starter/." "$dir/good-$i/"; cp -r "$EX/solution/." "$dir/good-$i/"
  done
  echo "$dir"
}

# Warm-up (not timed): the classpath cache and the JVMs' class-data archives.
"$ROOT/grader" grade -e "$EXERCISE" "$(batch 1)/good-1" --seed 1 --no-color >/dev/null

run() { # N -> "seconds peak-kB full-marks"
  local dir out
  dir="$(batch "$1")"; out="$WORK/out-$1"
  /usr/bin/time -f '%e %M' -o "$WORK/time-$1" "$ROOT/grader" grade-all -e "$EXERCISE" "$dir" --out "$out" \
    --jobs "$JOBS" --seed 7 --format json --no-progress --no-similarity >/dev/null || true
  local full
  full=$(grep -l '"percent" : 100.0,' "$out"/*/report.json 2>/dev/null | wc -l)
  echo "$(cat "$WORK/time-$1") $full"
}

read -r s_time s_mem s_full <<<"$(run "$SMALL")"
read -r l_time l_mem l_full <<<"$(run "$LARGE")"

printf 'exercise %s, grade-all --jobs %s, %s cores\n' "$EXERCISE" "$JOBS" "$(nproc)"
printf '%4d submissions  %7.1f s  grader peak %4d MB  %d at full marks\n' "$SMALL" "$s_time" $((s_mem / 1024)) "$s_full"
printf '%4d submissions  %7.1f s  grader peak %4d MB  %d at full marks\n' "$LARGE" "$l_time" $((l_mem / 1024)) "$l_full"
printf 'time ratio        %7.2f   (batch ratio %.1f; target: at most %d / %d)\n' \
  "$(echo "$l_time / $s_time" | bc -l)" "$(echo "$LARGE / $SMALL" | bc -l)" "$LARGE" "$SMALL"
[ "$s_full" = "$SMALL" ] && [ "$l_full" = "$LARGE" ] && echo "every copy at full marks" \
  || { echo "NOT every copy at full marks"; exit 1; }
