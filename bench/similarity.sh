#!/usr/bin/env bash
# Times the similarity comparison alone (JPlag in the similarity worker's JVM, as grade-all starts it) over N
# submissions of an exercise: the reference solution and its mutants (change.patch applied), each with its
# identifiers renamed differently, so no two are byte-identical. The reference solution is compared too and the
# starter is the base code, as in grade-all. Target: 200 submissions in under 60 s on 2 cores.
# Prints the wall time of the worker's JVM, JPlag's own time, the pairs found and the load average before and after
# (the machine may be shared). With --full, also times the grader's whole similarity step on the same submissions
# (`grader merge --submissions`: copying the sources out, the worker, each report's evidence, the leaderboards), with
# one graded report of the reference solution standing in for every submission's report.
#
# Usage: bench/similarity.sh [EXERCISE] [N] [--full]      (default: rate-limiter 200)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXERCISE="${1:-rate-limiter}"
N="${2:-200}"
FULL="${3:-}"
EX="$ROOT/exercises/$EXERCISE"
[ -f "$EX/exercise.yaml" ] || { echo "no exercise $EXERCISE" >&2; exit 2; }
LIB="$ROOT/similarity-worker/target/lib"
if [ ! -f "$LIB/similarity-worker.jar" ]; then
  (cd "$ROOT" && mvn -B -q -pl similarity-worker package) >&2
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/similarity-bench-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# The layout the grader gives the worker: submissions/<each>, old/reference, base/ (the starter's sources).
mkdir -p "$WORK/submissions" "$WORK/old/reference" "$WORK/base" "$WORK/project"
cp -r "$EX/starter/src/main/java/." "$WORK/base/"
cp -r "$EX/solution/src/main/java/." "$WORK/old/reference/"
mapfile -t MUTANTS < <(ls "$EX/mutants")
VARIANTS=$(( ${#MUTANTS[@]} + 1 ))
for i in $(seq 0 $((N - 1))); do
  p="$WORK/project/$i"
  mkdir -p "$p"; cp -r "$EX/starter/." "$p/"; cp -r "$EX/solution/." "$p/"
  v=$(( i % VARIANTS ))
  if [ "$v" -gt 0 ]; then
    (cd "$p" && patch -s -p1 < "$EX/mutants/${MUTANTS[$((v - 1))]}/change.patch")
  fi
  # Rename a few local names and fields per submission (whole words only), as a copier would.
  find "$p/src/main/java" -name '*.java' -exec sed -i -E \
    "s/\b(bucket|now|elapsed|permits|key|tokens)\b/\1_$i/g" {} +
  d="$WORK/submissions/s$(printf %04d "$i")"
  mkdir -p "$d"; cp -r "$p/src/main/java/." "$d/"
done

echo "$N submissions of $EXERCISE ($(find "$WORK/submissions" -name '*.java' | xargs cat | wc -l) lines of Java),"\
  "$(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
java -XX:+UseSerialGC -cp "$LIB/*" dev.grader.similarity.worker.SimilarityWorker --submissions "$WORK/submissions" \
  --old "$WORK/old" --base "$WORK/base" --threshold 60 > "$WORK/out.json"
end=$(date +%s.%N)
python3 - "$WORK/out.json" "$start" "$end" "$N" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
wall = float(sys.argv[3]) - float(sys.argv[2])
n = int(sys.argv[4])
pairs = d["pairs"]
print(f"comparison: {wall:.1f} s wall (JVM start included), JPlag {d['millis'] / 1000:.1f} s;"
      f" {n * (n - 1) // 2 + n} comparisons; {len(pairs)} pairs at or above 60%")
print("PASS: under 60 s" if wall < 60 else "FAIL: 60 s or more")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$FULL" = "--full" ]; then
  "$ROOT/grader" grade -e "$EXERCISE" --variant solution --json "$WORK/solution.json" --seed 1 >/dev/null || true
  for i in $(seq 0 $((N - 1))); do
    mkdir -p "$WORK/reports/$i"; cp "$WORK/solution.json" "$WORK/reports/$i/report.json"
  done
  echo "full step (grader merge --submissions), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  start=$(date +%s.%N)
  "$ROOT/grader" merge "$WORK/reports" --submissions "$WORK/project" --out "$WORK/board" | grep -v '^  '
  end=$(date +%s.%N)
  python3 -c "import sys; print(f'full step: {float(sys.argv[2]) - float(sys.argv[1]):.1f} s wall')" "$start" "$end"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
