#!/bin/sh
# Saturation discharge runs: headwayTime x lane maxSpeed; red held 0..150 s, green from 150 s.
WORK="${CITYFLOW_WORK:-/tmp/cityflow-work}"; cd "$WORK"
for hw in 2 1.5 1; do for v in 11.111 16.67; do
  d=runs/sat_h${hw}_v${v}; python3 gen_sat.py $d $hw $v 30
  timeout 120 ./sat $d/config.json I rin_1 150 300 $d/out.csv
done; done
# lone vehicle, green from t=0 (free-flow speed and time to reach it)
for v in 11.111 16.67; do
  d=runs/free_v$v; python3 gen_sat.py $d 2 $v 1
  timeout 60 ./sat $d/config.json I rin_1 0 200 $d/out.csv
done
# same test on the real Hangzhou roadnet (intersection_1_1, west approach through lane road_0_1_0_1)
mkdir -p runs/hz_real
for hw in 2 1.5 1; do
  python3 gen_hz_real.py $hw
  timeout 120 ./sat runs/hz_real/config_h$hw.json intersection_1_1 road_0_1_0_1 150 300 runs/hz_real/out_h$hw.csv intersection_2_1 intersection_3_1 intersection_4_1
done
python3 analyze.py runs/sat_*/out.csv runs/hz_real/out_h*.csv
