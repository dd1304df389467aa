#!/usr/bin/env bash
# One line per shipped scenario with the totals a traffic-model change must not worsen unexplained:
# trips completed, vehicles inserted, missed-turn re-routes, mean trip duration, vehicles still
# waiting to enter. Run it before and after a change (two binaries) and compare.
#
# Usage: tools/scenario_totals.sh [--citytwin BIN] [--threads N] [--work DIR] [SCENARIO...]
#   --citytwin  citytwin binary (default: build/release/tools/citytwin)
#   --threads   worker threads (default 1; results do not depend on it)
#   --work      output folder (default: a new temp folder)
#   SCENARIO    names under scenarios/ without .yaml (default: every shipped scenario)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
citytwin="$repo_root/build/release/tools/citytwin"
threads=1
work=""
names=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --citytwin) citytwin="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}"; exit 0 ;;
    --*) echo "scenario_totals.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) names+=("$1"); shift ;;
  esac
done
if [[ ${#names[@]} -eq 0 ]]; then
  for f in "$repo_root"/scenarios/*.yaml; do names+=("$(basename "$f" .yaml)"); done
fi
if [[ -z "$work" ]]; then work="$(mktemp -d /tmp/citytwin-totals.XXXXXX)"; fi
mkdir -p "$work"

printf '%-20s %10s %9s %8s %9s %8s\n' scenario completed inserted missed mean_dur waiting
for name in "${names[@]}"; do
  out="$work/$name"
  if ! "$citytwin" run "$repo_root/scenarios/$name.yaml" --threads "$threads" --no-progress \
      --out "$out" >"$work/$name.log" 2>&1; then
    printf '%-20s failed: see %s\n' "$name" "$work/$name.log"
    continue
  fi
  python3 - "$out/summary.json" "$name" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["totals"]
print("%-20s %10d %9d %8d %9.1f %8d" % (sys.argv[2], t["trips_completed"], t["vehicles_inserted"],
      t["reroutes_after_missed_turn"], t["mean_duration_s"], t["vehicles_waiting_to_insert"]))
PY
done
