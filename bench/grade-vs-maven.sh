#!/usr/bin/env bash
# Grades an exercise's reference solution with the grader and, side by side in the same run, with the
# baseline a company would otherwise use: the hidden tests copied into the submission, then
# `mvn -o -q test`. Prints the wall times (median of RUNS), their ratio, and the grader's overhead
# beyond the tests' own run time: the time Maven Surefire reports for running the same test classes
# (its per-class times: test methods, lifecycle methods and class initialisation), measured in the same run.
# The sum of the grader's per-test durations (test methods only) is printed too.
#
# Usage: bench/grade-vs-maven.sh [EXERCISE] [RUNS]      (default: rate-limiter 5)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXERCISE="${1:-rate-limiter}"
RUNS="${2:-5}"
EX="$ROOT/exercises/$EXERCISE"
[ -f "$EX/exercise.yaml" ] || { echo "no exercise $EXERCISE" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

"$ROOT/grader" --version >/dev/null   # builds the jar if needed

# The submission: the starter with the reference solution laid over it.
SUB="$WORK/submission"
mkdir -p "$SUB"
cp -r "$EX/starter/." "$SUB/"
cp -r "$EX/solution/." "$SUB/"

# The baseline project: the submission plus the hidden suites and the support sources they use.
BASE="$WORK/baseline"
cp -r "$SUB" "$BASE"
cp -r "$EX/hidden/." "$BASE/src/test/java/"
mkdir -p "$BASE/src/test/java/dev/grader/support"
SUPPORT="$(sed -n 's/^support: *\[\(.*\)\]/\1/p' "$EX/exercise.yaml" | tr -d ' ')"
for pkg in ${SUPPORT//,/ }; do
  if [ "$pkg" = core ]; then
    cp "$ROOT"/support/src/main/java/dev/grader/support/*.java "$BASE/src/test/java/dev/grader/support/"
  else
    cp -r "$ROOT/support/src/main/java/dev/grader/support/$pkg" "$BASE/src/test/java/dev/grader/support/"
    # postgres brings docker with it (its Testcontainers server uses Docker's probe), as grader init does
    [ "$pkg" = postgres ] && cp -r "$ROOT/support/src/main/java/dev/grader/support/docker" "$BASE/src/test/java/dev/grader/support/"
  fi
done
# Warm-up: resolve the baseline's plugins and dependencies once (not timed), and the grader's classpath cache.
(cd "$BASE" && mvn -q test -Dgrader.seed=1 >/dev/null 2>&1) || { echo "baseline warm-up failed:" >&2; (cd "$BASE" && mvn -o -q test -Dgrader.seed=1) >&2 || true; exit 1; }
"$ROOT/grader" grade -e "$EXERCISE" "$SUB" --seed 1 --no-color >/dev/null

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: > "$WORK/base.times"; : > "$WORK/grader.times"; : > "$WORK/tests.times"; : > "$WORK/surefire.times"
for i in $(seq 1 "$RUNS"); do
  t0=$(now); (cd "$BASE" && mvn -o -q clean test -Dgrader.seed="$i" >/dev/null 2>&1); t1=$(now)
  echo "$t1 - $t0" | bc -l >> "$WORK/base.times"
  python3 -c 'import sys, xml.etree.ElementTree as ET; print(sum(float(ET.parse(f).getroot().get("time", "0")) for f in sys.argv[1:]))' \
    "$BASE"/target/surefire-reports/TEST-*.xml >> "$WORK/surefire.times"
  t0=$(now); "$ROOT/grader" grade -e "$EXERCISE" "$SUB" --seed "$i" --no-color --json "$WORK/r.json" >/dev/null; t1=$(now)
  echo "$t1 - $t0" | bc -l >> "$WORK/grader.times"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sum(t["duration"] for t in r["tests"]))' "$WORK/r.json" >> "$WORK/tests.times"
done

B=$(median < "$WORK/base.times"); G=$(median < "$WORK/grader.times"); T=$(median < "$WORK/tests.times")
S=$(median < "$WORK/surefire.times")
printf '%s: %d runs each, median wall time\n' "$EXERCISE" "$RUNS"
printf '  baseline (hidden tests copied, mvn -o -q clean test)  %6.2f s\n' "$B"
printf '  grader (./grader grade)                               %6.2f s\n' "$G"
printf '  ratio grader/baseline                                 %6.2f   (target <= 0.50)\n' "$(echo "$G / $B" | bc -l)"
printf '  tests own run time (Surefire, sum of its class times) %6.2f s\n' "$S"
printf '  grader overhead beyond the tests                      %6.2f s  (target < 1.50)\n' "$(echo "$G - $S" | bc -l)"
printf '  (sum of the grader'"'"'s per-test durations             %6.2f s; overhead beyond it %.2f s)\n' "$T" "$(echo "$G - $T" | bc -l)"
