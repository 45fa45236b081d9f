#!/usr/bin/env bash
# Grades the audit corpus: solutions and mistaken variants written from the candidate's brief alone by people who
# never saw the hidden suites (corpus/audit/<exercise>/AUDIT.md says what each one does and which sentence of the brief it
# breaks). Each correct-N must get full marks; each mistake must lose points in every category its .yaml names.
# A mistake that scores full marks is a hole in the hidden suites (those still open are recorded with a `hole:` line
# saying why, and reported, not failed); a correct solution that loses a point is an unfair suite. A mistake that also
# loses categories its .yaml does not name is marked "also charged" (reported, not failed: a category charged for
# another's rule). Prints one line per variant and exits 1 on any mismatch.
#
# Usage: corpus/audit/check.sh [--seed N] [EXERCISE...]      (default: every exercise of corpus/audit/, seed 1)
# KEEP_AUDIT_WORK=1 keeps the work folder (the built submissions and each one's report.json) and prints its path.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SEED=1
if [[ "${1:-}" == "--seed" ]]; then SEED="$2"; shift 2; fi
if [[ $# -eq 0 ]]; then
  set -- $(cd "$ROOT/corpus/audit" && ls -d */ | tr -d /)
fi
WORK="$(mktemp -d)"
trap '[ -n "${KEEP_AUDIT_WORK:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"' EXIT
"$ROOT/grader" --version >/dev/null   # builds the jar if needed
status=0
for ex in "$@"; do
  src="$ROOT/corpus/audit/$ex"
  [ -d "$src" ] || { echo "no audit corpus for $ex" >&2; exit 2; }
  "$ROOT/grader" init "$ex" "$WORK/$ex/starter" >/dev/null
  subs="$WORK/$ex/subs"
  mkdir -p "$subs"
  for c in "$src"/correct-*; do
    name="$(basename "$c")"
    cp -r "$WORK/$ex/starter" "$subs/$name"
    cp -r "$c/src/main/." "$subs/$name/src/main/"   # the files the solution adds or changes
    if [[ -f "$c/deleted.txt" ]]; then                 # and the starter's files it removes
      (cd "$subs/$name" && xargs rm -f <"$c/deleted.txt")
    fi
  done
  # Round 7's mistakes are patches on the exercise's reference solution (base: solution); built only when one is.
  if grep -qs '^base: solution$' "$src"/mistakes/*.yaml; then
    cp -r "$WORK/$ex/starter" "$subs/solution"
    cp -r "$ROOT/exercises/$ex/solution/." "$subs/solution/"
  fi
  for p in "$src"/mistakes/*.patch; do
    name="$(basename "$p" .patch)"
    base="$(sed -n 's/^base: //p' "${p%.patch}.yaml")"
    cp -r "$subs/$base" "$subs/$name"
    (cd "$subs/$name" && patch -s -p1 <"$p")
  done
  "$ROOT/grader" grade-all -e "$ex" --no-similarity --no-progress --no-color --seed "$SEED" \
    --out "$WORK/$ex/out" --format json "$subs" >"$WORK/$ex/log" 2>&1 || true
  python3 - "$src" "$WORK/$ex/out" "$ex" <<'EOF' || status=1
import json, os, re, sys
src, out, ex = sys.argv[1:]
bad = 0
wide = 0
def report(name):
    path = os.path.join(out, name, 'report.json')
    return json.load(open(path)) if os.path.exists(path) else None
def lost(r):
    return [c['id'] for c in r['categories'] if c['score'] < c['max_score'] - 1e-9]
for c in sorted(d for d in os.listdir(src) if d.startswith('correct-')):
    r = report(c)
    ok = r is not None and not lost(r)
    bad += not ok
    print(f"{ex:20} {c:40} {'full marks' if ok else 'LOST ' + (', '.join(lost(r)) if r else 'no report')}"
          f"{'' if ok else '   <- unfair'}")
for y in sorted(f for f in os.listdir(os.path.join(src, 'mistakes')) if f.endswith('.yaml')):
    name = y[:-5]
    text = open(os.path.join(src, 'mistakes', y)).read()
    want = re.search(r'^loses: \[(.*)\]', text, re.M).group(1)
    want = [w.strip() for w in want.split(',') if w.strip()]
    hole = re.search(r'^hole: (.*)$', text, re.M)
    r = report(name)
    got = lost(r) if r else []
    if hole and r is not None and not got:
        print(f"{ex:20} {name:40} loses nothing   (a known hole: {hole.group(1).strip()})")
        continue
    ok = r is not None and got and all(w in got for w in want)
    bad += not ok
    extra = [g for g in got if g not in want]
    wide += bool(ok and extra)
    print(f"{ex:20} {name:40} loses {', '.join(got) or 'nothing'}"
          f"{'' if ok else '   <- expected to lose ' + ', '.join(want)}"
          f"{'   (also charged: ' + ', '.join(extra) + ')' if ok and extra else ''}")
if wide:
    print(f"{ex:20} {wide} mistake(s) also charged to categories their .yaml does not name (reported, not failed)")
sys.exit(1 if bad else 0)
EOF
done
exit "$status"
