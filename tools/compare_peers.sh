#!/usr/bin/env bash
# Real deployments side by side: the SUMO-format Jinan 3x4 and Hangzhou 4x4 scenarios run in
# Eclipse SUMO and in citytwin with the same network, routes and fixed-time plans, and the
# CityFlow-format versions run in citytwin against the CityFlow reference values measured on these
# machines (scenarios/data/PROVENANCE.md; CityFlow itself is not packaged for Debian). One table:
# inserted vehicles, completed trips, mean trip duration of completed trips, wall time, updates/s
# and the same-run citytwin/SUMO ratio.
#
# Usage: tools/compare_peers.sh [--citytwin BIN] [--threads N] [--work DIR]
#   --citytwin  citytwin binary (default: build/release/tools/citytwin)
#   --threads   citytwin worker threads (default 2); SUMO runs single-threaded (its fastest here)
#   --work      scratch folder for outputs (default: a new temp folder)
# Needs: sumo (Debian package `sumo`), python3.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
citytwin="$repo_root/build/release/tools/citytwin"
threads=2
work=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --citytwin) citytwin="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "compare_peers.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
export SUMO_HOME="${SUMO_HOME:-/usr/share/sumo}"
for tool in sumo /usr/bin/python3 "$citytwin"; do
  if ! command -v "$tool" >/dev/null 2>&1 && [[ ! -x "$tool" ]]; then
    echo "compare_peers.sh: missing $tool (SUMO: apt-get install -y sumo)" >&2
    exit 2
  fi
done
if [[ -z "$work" ]]; then work="$(mktemp -d /tmp/citytwin-peers.XXXXXX)"; fi
mkdir -p "$work"
echo "compare_peers.sh: working in $work" >&2
data="$repo_root/scenarios/data"
now() { date +%s.%N; }

run_sumo() {  # name cfg
  local start; start=$(now)
  sumo -c "$2" --end 3600 --no-step-log --duration-log.statistics --no-warnings \
    --tripinfo-output "$work/$1_sumo_tripinfo.xml" >"$work/$1_sumo.log" 2>&1
  echo "$(now) $start" | awk '{printf "%.3f\n", $1 - $2}' >"$work/$1_sumo_wall.txt"
}
run_citytwin() {  # name scenario
  local start; start=$(now)
  "$citytwin" run "$2" --threads "$threads" --tripinfo --no-progress --out "$work/$1_citytwin" \
    >"$work/$1_citytwin.log" 2>&1
  echo "$(now) $start" | awk '{printf "%.3f\n", $1 - $2}' >"$work/$1_citytwin_wall.txt"
}

run_sumo jinan "$data/jinan_3x4_sumo/jinan.sumocfg"
run_citytwin jinan "$repo_root/scenarios/jinan_3x4_sumo.yaml"
run_sumo hangzhou "$data/hangzhou_4x4_sumo_libsignal/hangzhou_4x4_gudang_18041610_1h.sumocfg"
run_citytwin hangzhou "$repo_root/scenarios/hangzhou_4x4_sumo.yaml"
run_citytwin jinan_cf "$repo_root/scenarios/jinan_3x4.yaml"
run_citytwin hangzhou_cf "$repo_root/scenarios/hangzhou_4x4.yaml"

/usr/bin/python3 - "$work" "$threads" <<'PY'
import json, re, sys, xml.etree.ElementTree as ET
work, threads = sys.argv[1], sys.argv[2]

def tripinfo(path):
    trips = list(ET.parse(path).getroot().iter("tripinfo"))
    n = len(trips)
    return n, (sum(float(t.get("duration")) for t in trips) / n if n else float("nan"))

def sumo_facts(name):
    log = open(f"{work}/{name}_sumo.log").read()
    ups = re.search(r"UPS:\s*([0-9.]+)", log)
    inserted = re.search(r"Inserted:\s*([0-9]+)", log)
    done, mean = tripinfo(f"{work}/{name}_sumo_tripinfo.xml")
    return dict(inserted=int(inserted.group(1)) if inserted else float("nan"), done=done,
                mean=mean, wall=float(open(f"{work}/{name}_sumo_wall.txt").read()),
                ups=float(ups.group(1)) if ups else float("nan"))

def citytwin_facts(name):
    s = json.load(open(f"{work}/{name}_citytwin/summary.json"))
    done, mean = tripinfo(f"{work}/{name}_citytwin/tripinfo.xml")
    t = s["totals"]
    return dict(inserted=int(t["vehicles_inserted"]), done=done, mean=mean,
                wall=float(open(f"{work}/{name}_citytwin_wall.txt").read()),
                ups=t["vehicle_updates"] / s["wall_time_s"] if s["wall_time_s"] > 0 else float("nan"))

# CityFlow reference runs on these machines (scenarios/data/PROVENANCE.md): each dataset's own
# plans, 3600 s, mean travel time of finished trips.
cityflow = {"jinan": dict(done=5256, mean=435.0, wall=1.2), "hangzhou": dict(done=2508, mean=520.0, wall=0.67)}

print(f"Real networks, 3600 s, each dataset's own fixed-time plans; citytwin threads={threads}, SUMO 1 thread")
print(f"{'scenario':30}{'simulator':22}{'inserted':>9}{'completed':>10}{'mean dur s':>11}{'vs SUMO':>9}{'vs CF':>8}{'wall s':>8}{'M upd/s':>9}")
for city in ("jinan", "hangzhou"):
    s = sumo_facts(city)
    c = citytwin_facts(city)
    cf = citytwin_facts(city + "_cf")
    ref = cityflow[city]
    def line(label, sim, f):
        vs_sumo = f"{f['mean'] / s['mean'] - 1:+.1%}" if sim != "SUMO 1.15" else ""
        vs_cf = f"{f['mean'] / ref['mean'] - 1:+.1%}" if sim != "CityFlow (reference)" else ""
        ins = f"{f['inserted']:.0f}" if f.get('inserted') == f.get('inserted') and 'inserted' in f else "-"
        ups = f"{f['ups'] / 1e6:.3f}" if 'ups' in f else "-"
        print(f"{label:30}{sim:22}{ins:>9}{f['done']:>10}{f['mean']:>11.1f}{vs_sumo:>9}{vs_cf:>8}{f['wall']:>8.2f}{ups:>9}")
    line(f"{city} (SUMO files)", "SUMO 1.15", s)
    line(f"{city} (SUMO files)", "citytwin", c)
    line(f"{city} (CityFlow files)", "citytwin", cf)
    line(f"{city} (CityFlow files)", "CityFlow (reference)", ref)
    print(f"{'':30}same-run updates/s ratio citytwin/SUMO: {c['ups'] / s['ups']:.1f}x; wall ratio SUMO/citytwin: {s['wall'] / c['wall']:.1f}x")
PY
