#!/usr/bin/env bash
# The database side of grading, measured side by side in one run: PostgreSQL server start (once per
# grader process), a fresh database per submission, then each database exercise's reference solution
# graded by the grader against the baseline (hidden tests copied in, mvn -o -q clean test).
# Usage: bench/postgres.sh [RUNS]     (GRADER_DB=embedded by default; GRADER_DB_URL for your own server)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
"$ROOT/grader" --version >/dev/null   # builds the jar and its lib/ if needed
echo "== PostgreSQL for grading"
java -cp "$ROOT/engine/target/lib/*" "$ROOT/bench/PostgresBench.java" 20
for ex in $(grep -l 'services:.*postgres' "$ROOT"/exercises/*/exercise.yaml | xargs -n1 dirname | xargs -n1 basename); do
  echo "== $ex"
  "$ROOT/bench/grade-vs-maven.sh" "$ex" "$RUNS"
done
