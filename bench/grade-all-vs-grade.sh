#!/usr/bin/env bash
# Grades 20 submissions of an exercise (16 copies of the reference solution, 2 mutants, 1 that does not
# compile, the untouched starter) two ways, side by side in the same run: one `grader grade-all --jobs 2`
# and 20 separate `./grader grade` invocations. Prints both wall times and their ratio (target: the batch
# at least 2x faster), and checks both ways gave every submission the same score.
#
# Usage: bench/grade-all-vs-grade.sh [EXERCISE] [JOBS]      (default: rate-limiter 2)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXERCISE="${1:-rate-limiter}"
JOBS="${2:-2}"
EX="$ROOT/exercises/$EXERCISE"
[ -f "$EX/exercise.yaml" ] || { echo "no exercise $EXERCISE" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$ROOT/grader" --version >/dev/null   # builds the jar if needed

SUBS="$WORK/submissions"
mkdir -p "$SUBS"
solution() { mkdir -p "$1"; cp -r "$EX/starter/." "$1/"; cp -r "$EX/solution/." "$1/"; }
for i in $(seq -w 1 16); do solution "$SUBS/good-$i"; done
n=0
for m in $(ls "$EX/mutants" | head -2); do
  n=$((n + 1)); solution "$SUBS/mutant-$n"
  (cd "$SUBS/mutant-$n" && patch -s -p1 < "$EX/mutants/$m/change.patch")
done
solution "$SUBS/broken"
f="$(find "$SUBS/broken/src/main/java" -name '*.java' | head -1)"; echo "class Broken {" >> "$f"
mkdir -p "$SUBS/starter"; cp -r "$EX/starter/." "$SUBS/starter/"
COUNT=$(ls "$SUBS" | wc -l)

# Warm-up (not timed): the classpath cache and the JVM's class-data archive.
"$ROOT/grader" grade -e "$EXERCISE" "$SUBS/good-01" --seed 1 --no-color >/dev/null

now() { date +%s.%N; }
t0=$(now)
"$ROOT/grader" grade-all -e "$EXERCISE" "$SUBS" --out "$WORK/batch" --jobs "$JOBS" --seed 7 --format json --no-progress >/dev/null
t1=$(now)
batch=$(echo "$t1 - $t0" | bc -l)

t0=$(now)
for s in "$SUBS"/*; do
  name=$(basename "$s")
  "$ROOT/grader" grade -e "$EXERCISE" "$s" --seed 7 --no-color --json "$WORK/single/$name.json" >/dev/null || true
done
t1=$(now)
single=$(echo "$t1 - $t0" | bc -l)

# Same verdicts both ways.
mismatch=0
for s in "$SUBS"/*; do
  name=$(basename "$s")
  a=$(sed -n 's/^  "score" : \(.*\),$/\1/p' "$WORK/batch/$name/report.json")
  b=$(sed -n 's/^  "score" : \(.*\),$/\1/p' "$WORK/single/$name.json")
  [ "$a" = "$b" ] || { echo "score differs for $name: batch $a, single $b"; mismatch=1; }
done

printf 'exercise %s, %d submissions, %s cores\n' "$EXERCISE" "$COUNT" "$(nproc)"
printf 'grade-all --jobs %s   %7.1f s\n' "$JOBS" "$batch"
printf '%d x grader grade     %7.1f s\n' "$COUNT" "$single"
printf 'speed-up              %7.2fx   (target: >= 2x)\n' "$(echo "$single / $batch" | bc -l)"
[ "$mismatch" = 0 ] && echo "scores: identical both ways" || { echo "scores: DIFFER"; exit 1; }
