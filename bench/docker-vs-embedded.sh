#!/usr/bin/env bash
# The Docker paths beside the default ones, on the same machine in the same run:
#   1. a database exercise graded with --db testcontainers and with --db embedded;
#   2. rate-limiter graded with --sandbox docker and with the default (--sandbox none).
# Each grade's report timing is printed: compile, launch (the test JVM's start: its container's under --sandbox
# docker), services (the wait for the database once compiled: a Testcontainers container's start on the first
# grade of a process), tests, total, and the wall time of the whole command. Container start is also measured alone:
# the PostgreSQL image from `docker run` to its second readiness line, the JRE image from `docker run` to the
# end of `java -version`, each outside the grader, so that it can be told apart from the tests' own time.
#
# Needs a Docker engine (DOCKER_HOST) and, without registry access, the local images:
#   eval "$(scripts/docker-host.sh start)"; bench/docker-vs-embedded.sh [DB_EXERCISE]   (default: n-plus-one)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DB_EXERCISE="${1:-n-plus-one}"
DB_IMAGE="${GRADER_DB_IMAGE:-postgres:16.4-alpine}"
JRE_IMAGE="${GRADER_SANDBOX_IMAGE:-eclipse-temurin:17.0.15_6-jre}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"; docker rm -f grader-bench-pg >/dev/null 2>&1 || true' EXIT
"$ROOT/grader" --version >/dev/null   # builds the jar if needed

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

grade() { # label, then grader arguments
  local label="$1"; shift
  local json="$WORK/$label.json" t0 t1
  t0="$(now)"
  "$ROOT/grader" grade --variant solution --seed 7 --no-color --json "$json" "$@" >"$WORK/$label.out" 2>&1 || true
  t1="$(now)"
  python3 - "$json" "$label" "$(secs "$t0" "$t1")" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); t = r["timing"]
print(f"{sys.argv[2]:<34} {r['percent']:>6}%  compile {t['compile']:>5}s  launch {t.get('launch', 0):>5}s"
      f"  services {t.get('services', 0):>5}s  tests {t['tests']:>5}s  total {t['total']:>5}s  wall {sys.argv[3]:>5}s")
PY
}

echo "container start, outside the grader:"
t0="$(now)"
docker run -d --name grader-bench-pg -e POSTGRES_PASSWORD=bench "$DB_IMAGE" >/dev/null
until [ "$(docker logs grader-bench-pg 2>&1 | grep -c 'database system is ready to accept connections')" -ge 2 ]; do sleep 0.1; done
echo "  PostgreSQL ($DB_IMAGE) ready after $(secs "$t0" "$(now)") s"
docker rm -f grader-bench-pg >/dev/null
t0="$(now)"
docker run --rm --network none "$JRE_IMAGE" java -version >/dev/null 2>&1
echo "  JRE ($JRE_IMAGE) java -version done after $(secs "$t0" "$(now)") s"

echo "grades (each its own grader process; the database's container starts in every --db testcontainers grade):"
grade "$DB_EXERCISE --db testcontainers" -e "$DB_EXERCISE" --db testcontainers
grade "$DB_EXERCISE --db embedded" -e "$DB_EXERCISE" --db embedded
grade "rate-limiter --sandbox docker" -e rate-limiter --sandbox docker
grade "rate-limiter --sandbox none" -e rate-limiter
