#!/usr/bin/env bash
# The fidelity table of issue 18: citytwin and Eclipse SUMO on the same network and the same
# trips, one row per network, 7200 s by default. Networks nobody tuned citytwin for: netgenerate
# grids at three demand levels and a spider, OSM networks shipped with SUMO (sumo-tools), and the
# SUMO versions of the real datasets in scenarios/data. Trips come from SUMO's randomTrips.py (fixed
# seed) or the dataset's own files; citytwin reads the very same files through `citytwin import
# sumo`. Per row and simulator: trips completed, mean trip duration and time loss (tripinfo),
# teleports (both), missed-turn re-routes (citytwin), wall time.
#
# Usage: tools/fidelity.sh [--citytwin BIN] [--threads N] [--end S] [--teleport S] [--work DIR]
#                          [--only NAME...]
#   --citytwin  citytwin binary (default: build/release/tools/citytwin)
#   --threads   citytwin worker threads (default 2); SUMO runs single-threaded
#   --end       simulated seconds (default 7200)
#   --teleport  time to teleport in seconds for both simulators (citytwin traffic.teleport_after,
#               SUMO --time-to-teleport; 0 = off in both); default: citytwin off, SUMO its 300 s
#   --work      scratch folder (default: a new temp folder); rows already run there are reused
#   --only      run only these rows (names below), e.g. --only grid_p0.6 spider
# Needs: sumo, sumo-tools (netgenerate, randomTrips.py, the shipped networks), python3.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
citytwin="$repo_root/build/release/tools/citytwin"
threads=2
end=7200
teleport=""
work=""
only=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --citytwin) citytwin="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --end) end="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --only) shift; while [[ $# -gt 0 && "$1" != --* ]]; do only+=("$1"); shift; done ;;
    --teleport) teleport="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "fidelity.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
export SUMO_HOME="${SUMO_HOME:-/usr/share/sumo}"
random_trips="$SUMO_HOME/tools/randomTrips.py"
for need in sumo netgenerate python3 "$random_trips" "$citytwin"; do
  if ! command -v "$need" >/dev/null 2>&1 && [[ ! -e "$need" ]]; then
    echo "fidelity.sh: missing $need (apt-get install -y sumo sumo-tools)" >&2
    exit 2
  fi
done
if [[ -z "$work" ]]; then work="$(mktemp -d /tmp/citytwin-fidelity.XXXXXX)"; fi
mkdir -p "$work"
echo "fidelity.sh: working in $work" >&2
data="$repo_root/scenarios/data"
now() { date +%s.%N; }
wanted() { [[ ${#only[@]} -eq 0 ]] && return 0; local n; for n in "${only[@]}"; do [[ "$n" == "$1" ]] && return 0; done; return 1; }

grid_net() {  # file: the issue's grid (10x10, 300 m, 3 lanes, static lights, no U-turns)
  [[ -f "$1" ]] || netgenerate --grid --grid.number 10 --grid.length 300 --grid.attach-length 300 \
    -L 3 -j traffic_light --tls.default-type static --no-turnarounds --seed 1 -o "$1" >/dev/null
}
spider_net() {  # file: 8 arms, 6 circles 150 m apart, 2 lanes, static lights
  [[ -f "$1" ]] || netgenerate --spider --spider.arm-number 8 --spider.circle-number 6 \
    --spider.space-radius 150 -L 2 -j traffic_light --tls.default-type static --no-turnarounds \
    --seed 1 -o "$1" >/dev/null
}
trips() {  # net out period [extra randomTrips options...]: trips over the first hour, seed 42
  local net="$1" out="$2" period="$3"; shift 3
  # (--validate leaves a routes.rou.xml in the current folder: run it beside the trips)
  [[ -f "$out" ]] || (cd "$(dirname "$out")" && python3 "$random_trips" -n "$net" -o "$out" \
    -b 0 -e 3600 -p "$period" --seed 42 --validate "$@" >/dev/null 2>&1)
}

# One row: name, network, routes (comma-separated).
run_row() {
  # Rows run with --teleport get their own folder (rows.txt names it), so reuse never mixes them.
  local name="$1" net="$2" routes="$3" row="$1${teleport:+_teleport$teleport}"
  local dir="$work/$row" sumo_teleport=()
  [[ -n "$teleport" ]] && sumo_teleport=(--time-to-teleport "$teleport")
  mkdir -p "$dir"
  if [[ ! -f "$dir/sumo_wall.txt" ]]; then
    local start; start=$(now)
    sumo -n "$net" -r "$routes" --end "$end" --no-step-log --duration-log.statistics \
      --ignore-route-errors "${sumo_teleport[@]}" --tripinfo-output "$dir/sumo_tripinfo.xml" \
      >"$dir/sumo.log" 2>&1 || true
    echo "$(now) $start" | awk '{printf "%.3f\n", $1 - $2}' >"$dir/sumo_wall.txt"
  fi
  if [[ ! -f "$dir/citytwin_wall.txt" ]]; then
    local args=()
    IFS=',' read -ra files <<<"$routes"
    for f in "${files[@]}"; do args+=(--routes "$f"); done
    "$citytwin" import sumo "$net" "${args[@]}" --duration "$end" -o "$dir/$name.yaml" \
      >"$dir/import.log" 2>&1
    # As SUMO's --ignore-route-errors: trips no path serves are dropped, and counted.
    sed -i 's/^demand:$/demand:\n  unroutable: skip/' "$dir/$name.yaml"
    if [[ -n "$teleport" ]]; then
      printf 'traffic:\n  teleport_after: %s s\n' "$teleport" >>"$dir/$name.yaml"
    fi
    local start; start=$(now)
    "$citytwin" run "$dir/$name.yaml" --threads "$threads" --tripinfo --no-progress \
      --out "$dir/citytwin" >"$dir/citytwin.log" 2>&1 || true
    echo "$(now) $start" | awk '{printf "%.3f\n", $1 - $2}' >"$dir/citytwin_wall.txt"
  fi
  echo "$row" >>"$work/rows.txt"
}

: >"$work/rows.txt"
nets="$work/nets"
mkdir -p "$nets"
for level in 0.6 0.3 0.15; do
  if wanted "grid_p$level"; then
    grid_net "$nets/grid.net.xml"
    trips "$nets/grid.net.xml" "$nets/grid_p$level.trips.xml" "$level" --fringe-factor 1000 \
      --min-distance 900
    run_row "grid_p$level" "$nets/grid.net.xml" "$nets/grid_p$level.trips.xml"
  fi
done
if wanted spider; then
  spider_net "$nets/spider.net.xml"
  trips "$nets/spider.net.xml" "$nets/spider.trips.xml" 0.5 --fringe-factor 100 --min-distance 600
  run_row spider "$nets/spider.net.xml" "$nets/spider.trips.xml"
fi
for osm in A10KW DRT; do
  if wanted "osm_$osm"; then
    trips "$SUMO_HOME/tools/game/$osm/osm.net.xml" "$nets/osm_$osm.trips.xml" 2 --min-distance 300
    run_row "osm_$osm" "$SUMO_HOME/tools/game/$osm/osm.net.xml" "$nets/osm_$osm.trips.xml"
  fi
done
wanted jinan_sumo && run_row jinan_sumo "$data/jinan_3x4_sumo/jinan.net.xml" \
  "$data/jinan_3x4_sumo/jinan.rou.xml"
wanted hangzhou_sumo && run_row hangzhou_sumo \
  "$data/hangzhou_4x4_sumo_libsignal/hangzhou_4x4_gudang_18041610_1h.net.xml" \
  "$data/hangzhou_4x4_sumo_libsignal/hangzhou_4x4_gudang_18041610_1h.rou.xml"
wanted shenzhen_nanshan && run_row shenzhen_nanshan "$data/shenzhen_pcl_sumo/pcl.net.xml" \
  "$data/shenzhen_pcl_sumo/pcl.trips.xml"

python3 - "$work" "$end" "$threads" <<'PY'
import json, re, sys, xml.etree.ElementTree as ET
work, end, threads = sys.argv[1], sys.argv[2], sys.argv[3]

# (trips in the file, then count, mean duration and mean time loss of those not in leave_out)
def tripinfo(path, leave_out=frozenset()):
    try:
        trips = list(ET.parse(path).getroot().iter("tripinfo"))
    except (OSError, ET.ParseError):
        return 0, 0, float("nan"), float("nan")
    total = len(trips)
    trips = [t for t in trips if t.get("id") not in leave_out]
    n = len(trips)
    mean = lambda key: sum(float(t.get(key, "nan")) for t in trips) / n if n else float("nan")
    return total, n, mean("duration"), mean("timeLoss")

rows = [r.strip() for r in open(f"{work}/rows.txt") if r.strip()]
print(f"Fidelity, {end} s, same network and trip files; citytwin {threads} threads, SUMO 1 thread")
# SUMO's trips that it found no route for ("No route for vehicle", --ignore-route-errors) are left
# out of its figures: such a vehicle drives to the dead end of its first link, waits there until
# it teleports (300 s) and "completes" across the missing connection. citytwin skips trips
# without a route (demand.unroutable: skip); both counts are shown.
# SUMO's mean duration is also given without the vehicles it teleported (those that stood 300 s
# or more in its own jams), to tell a difference in the models from SUMO's jams.
print("| network | SUMO completed | citytwin completed | ratio | SUMO mean dur s | citytwin mean dur s | "
      "ratio | SUMO mean dur s without its teleported | ratio | SUMO time loss s | "
      "citytwin time loss s | SUMO teleports | citytwin teleports | "
      "citytwin missed turns | SUMO wall s | citytwin wall s | SUMO no route (completed) | "
      "citytwin no route |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for name in rows:
    d = f"{work}/{name}"
    log = open(f"{d}/sumo.log").read()
    no_route = frozenset(re.findall(r"No route for vehicle '([^']+)'", log))
    s_all, s_done, s_dur, s_loss = tripinfo(f"{d}/sumo_tripinfo.xml", no_route)
    teleported = frozenset(re.findall(r"Teleporting vehicle '([^']+)'", log))
    _, _, s_dur_kept, _ = tripinfo(f"{d}/sumo_tripinfo.xml", no_route | teleported)
    _, c_done, c_dur, c_loss = tripinfo(f"{d}/citytwin/tripinfo.xml")
    try:
        skipped = re.search(r"skipped: ([0-9]+) trips without a route",
                            open(f"{d}/citytwin.log").read())
        c_no_route = int(skipped.group(1)) if skipped else 0
    except OSError:
        c_no_route = "-"
    tele = re.search(r"Teleports:\s*([0-9]+)", log)
    try:
        totals = json.load(open(f"{d}/citytwin/summary.json"))["totals"]
        missed = int(totals.get("reroutes_after_missed_turn", 0))
        c_tele = int(totals.get("vehicles_teleported", 0))
    except (OSError, ValueError, KeyError):
        missed = c_tele = "failed"
    sw = float(open(f"{d}/sumo_wall.txt").read())
    cw = float(open(f"{d}/citytwin_wall.txt").read())
    ratio = lambda a, b: f"{a / b:.2f}" if b else "-"
    print(f"| {name} | {s_done} | {c_done} | {ratio(c_done, s_done)} | {s_dur:.1f} | {c_dur:.1f} | "
          f"{ratio(c_dur, s_dur)} | {s_dur_kept:.1f} | {ratio(c_dur, s_dur_kept)} | "
          f"{s_loss:.1f} | {c_loss:.1f} | {tele.group(1) if tele else 0} | "
          f"{c_tele} | {missed} | {sw:.1f} | {cw:.1f} | {len(no_route)} ({s_all - s_done}) | "
          f"{c_no_route} |")
PY
