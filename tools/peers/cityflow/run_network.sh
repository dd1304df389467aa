#!/bin/sh
# Whole-network reference runs: interval 1 s, own signal plans (rlTrafficLight false), no lane change.
# seed 0 (requested) and seed 1 (the citytwin yaml's seed) for sensitivity; 3600 s, plus 9600 s for Fuhua.
WORK="${CITYFLOW_WORK:-/tmp/cityflow-work}"; cd "$WORK"
mkdir -p runs
mk() { # name roadnet flow seed
cat > runs/net_$1_s$4.json <<EOC
{"interval": 1.0, "seed": $4, "dir": "$WORK/data/", "roadnetFile": "$2", "flowFile": "$3",
 "rlTrafficLight": false, "laneChange": false, "saveReplay": false,
 "roadnetLogFile": "replay_roadnet.json", "replayLogFile": "replay.txt"}
EOC
}
for s in 0 1; do
  mk hangzhou roadnet_4_4.json anon_4_4_hangzhou_real.json $s
  mk jinan roadnet_3_4.json anon_3_4_jinan_real.json $s
  mk fuhua roadnet_1_33.json anon_1_33_fuhua_24hto1w_2490.json $s
  for n in hangzhou jinan fuhua; do
    echo "== $n 3600 seed $s"; timeout 900 ./network runs/net_${n}_s$s.json 3600 runs/trips_${n}_s$s.csv
  done
  echo "== fuhua 9600 seed $s"; timeout 1800 ./network runs/net_fuhua_s$s.json 9600 runs/trips_fuhua_9600_s$s.csv
done
