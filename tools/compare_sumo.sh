#!/usr/bin/env bash
# Side-by-side run of Eclipse SUMO and citytwin on the same 10x10 signalised grid (300 m blocks,
# 3 lanes per direction, fixed-time 42/3/90 s plans) with the same total demand (~12,000 veh/h for
# one hour), printing one table: wall time, vehicle updates per second, their ratio, completed
# trips, mean trip duration and mean time loss.
#
# Demand is the same in rate and trip length, not in identity: SUMO gets randomTrips.py trips
# (fringe-weighted edges, >= 900 m apart), citytwin its own random boundary-to-boundary demand from
# scenarios/grid_default.yaml (>= 900 m apart). Feeding SUMO's routes to citytwin needs the SUMO
# route importer, which is not in this build yet.
#
# Usage: tools/compare_sumo.sh [--citytwin BIN] [--threads N] [--repeat R] [--work DIR]
#   --citytwin  citytwin binary (default: build/release/tools/citytwin)
#   --threads   citytwin worker threads (default 2); SUMO always runs single-threaded, its fastest
#               setting here (see /work/shared/PEERS.md)
#   --repeat    runs of each simulator; the table shows the median wall time (default 1)
#   --work      scratch folder for the network, routes and outputs (default: a new temp folder)
# Needs: sumo, netgenerate, /usr/share/sumo/tools/randomTrips.py, python3 with python3-sympy.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
citytwin="$repo_root/build/release/tools/citytwin"
threads=2
repeat=1
work=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --citytwin) citytwin="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "compare_sumo.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# SUMO 1.15 validates route files against schemas it finds under SUMO_HOME; without it, it tries
# the web and rejects the file.
export SUMO_HOME="${SUMO_HOME:-/usr/share/sumo}"
for tool in sumo netgenerate /usr/bin/python3 "$SUMO_HOME/tools/randomTrips.py" "$citytwin"; do
  if ! command -v "$tool" >/dev/null 2>&1 && [[ ! -x "$tool" && ! -f "$tool" ]]; then
    echo "compare_sumo.sh: missing $tool" >&2
    exit 2
  fi
done
if ! /usr/bin/python3 -c 'import sympy' 2>/dev/null; then
  echo "compare_sumo.sh: randomTrips.py needs python3-sympy (apt-get install -y python3-sympy)" >&2
  exit 2
fi

if [[ -z "$work" ]]; then work="$(mktemp -d /tmp/citytwin-compare.XXXXXX)"; fi
mkdir -p "$work"
echo "compare_sumo.sh: working in $work" >&2

# --- the same network and demand for SUMO -------------------------------------------------------
netgenerate --grid --grid.number 10 --grid.length 300 --grid.attach-length 300 -L 3 \
  -j traffic_light --tls.default-type static --no-turnarounds --seed 1 \
  -o "$work/g10.net.xml" >"$work/netgenerate.log" 2>&1
/usr/bin/python3 "$SUMO_HOME/tools/randomTrips.py" -n "$work/g10.net.xml" -b 0 -e 3600 -p 0.3 \
  --fringe-factor 1000 --min-distance 900 --seed 42 \
  -o "$work/g10.trips.xml" -r "$work/g10.rou.xml" >"$work/randomtrips.log" 2>&1

now() { date +%s.%N; }

# --- runs ---------------------------------------------------------------------------------------
for ((run = 1; run <= repeat; ++run)); do
  start=$(now)
  sumo -n "$work/g10.net.xml" -r "$work/g10.rou.xml" --no-step-log --duration-log.statistics \
    --tripinfo-output "$work/sumo_tripinfo.xml" >"$work/sumo_run$run.log" 2>&1
  echo "$(now) $start" | awk '{printf "%.3f\n", $1 - $2}' >"$work/sumo_wall$run.txt"

  start=$(now)
  "$citytwin" run "$repo_root/scenarios/grid_default.yaml" --threads "$threads" --tripinfo \
    --no-progress --out "$work/citytwin_run$run" >"$work/citytwin_run$run.log" 2>&1
  echo "$(now) $start" | awk '{printf "%.3f\n", $1 - $2}' >"$work/citytwin_wall$run.txt"
done

# --- one table ----------------------------------------------------------------------------------
/usr/bin/python3 - "$work" "$repeat" "$threads" <<'PY'
import json, re, statistics, sys, xml.etree.ElementTree as ET

work, repeat, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def tripinfo(path):
    """Completed trips, mean duration and mean timeLoss (s) from a SUMO-style tripinfo.xml."""
    trips = [t for t in ET.parse(path).getroot().iter("tripinfo")]
    if not trips:
        return 0, float("nan"), float("nan")
    n = len(trips)
    return (n, sum(float(t.get("duration")) for t in trips) / n,
            sum(float(t.get("timeLoss")) for t in trips) / n)

def sumo_ups(log_path):
    # --duration-log.statistics prints " UPS: 110234.56" in its Performance block.
    match = re.search(r"UPS:\s*([0-9.]+)", open(log_path).read())
    return float(match.group(1)) if match else float("nan")

runs = range(1, repeat + 1)
sumo_walls = [float(open(f"{work}/sumo_wall{r}.txt").read()) for r in runs]
city_walls = [float(open(f"{work}/citytwin_wall{r}.txt").read()) for r in runs]
sumo_ups_runs = [sumo_ups(f"{work}/sumo_run{r}.log") for r in runs]
summaries = [json.load(open(f"{work}/citytwin_run{r}/summary.json")) for r in runs]
# citytwin: updates over its own stepping wall time (what SUMO's UPS also measures: the
# simulation loop, not process start-up and file loading).
city_ups_runs = [s["totals"]["vehicle_updates"] / s["wall_time_s"] for s in summaries]
# Ratio per run, measured in the same run pair, then the median.
ratios = [c / s for c, s in zip(city_ups_runs, sumo_ups_runs)]

s_trips, s_dur, s_loss = tripinfo(f"{work}/sumo_tripinfo.xml")
c_trips, c_dur, c_loss = tripinfo(f"{work}/citytwin_run{repeat}/tripinfo.xml")
totals = summaries[-1]["totals"]
med = statistics.median

print(f"10x10 grid, 300 m, 3 lanes, 1 h, ~12,000 veh/h; median of {repeat} run(s); "
      f"citytwin threads={threads}, SUMO 1 thread")
print(f"{'':34}{'SUMO':>14}{'citytwin':>14}{'citytwin/SUMO':>15}")
def row(name, s, c, fmt="{:.2f}", ratio=True):
    r = f"{c / s:.2f}" if ratio and s and s == s and c == c else ""
    print(f"{name:34}{fmt.format(s):>14}{fmt.format(c):>14}{r:>15}")
row("wall time, whole process (s)", med(sumo_walls), med(city_walls))
row("vehicle updates/s (M)", med(sumo_ups_runs) / 1e6, med(city_ups_runs) / 1e6, "{:.3f}",
    ratio=False)
print(f"{'  same-run ratio (median)':34}{'':>14}{'':>14}{med(ratios):>15.1f}")
row("completed trips", s_trips, c_trips, "{:.0f}")
row("mean trip duration (s)", s_dur, c_dur, "{:.1f}")
row("mean time loss (s)", s_loss, c_loss, "{:.1f}")
print(f"citytwin summary.json: mean_duration_s={totals['mean_duration_s']:.1f} "
      f"mean_delay_s={totals['mean_delay_s']:.1f} inserted={totals['vehicles_inserted']:.0f} "
      f"in_network_at_end={totals['vehicles_in_network']:.0f} "
      f"waiting_to_insert={totals['vehicles_waiting_to_insert']:.0f}")
print(f"runs: sumo walls {sumo_walls} s, citytwin walls {city_walls} s")
PY
