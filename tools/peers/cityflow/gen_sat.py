#!/usr/bin/env python3
"""Generate a one-approach test case in CityFlow format, geometry copied from one Hangzhou 4x4
intersection (roads 800 m centre-to-centre, 3 lanes x 4 m, intersection width 15 m, straight link
from lane 1 to lanes 0..2 of the exit road). W virtual -> I (signalised) -> E virtual.
Phase 0 = all red, phase 1 = through green.
usage: gen_sat.py OUTDIR HEADWAY LANE_MAXSPEED NVEH [INTERVAL]"""
import json, sys, os
out, hw, vmax, n = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
iv = float(sys.argv[5]) if len(sys.argv) > 5 else 1.0
os.makedirs(out, exist_ok=True)
L, W = 800, 15
lanes = [{"width": 4, "maxSpeed": vmax} for _ in range(3)]
def virt(i, x, roads):
    return {"id": i, "point": {"x": x, "y": 0}, "width": 0, "roads": roads, "roadLinks": [],
            "trafficLight": {"roadLinkIndices": [], "lightphases": [{"time": 30, "availableRoadLinks": []}]},
            "virtual": True}
# road points run along +x; lane k is offset to the right (y = -2 - 4k) as in Hangzhou
links = [{"startLaneIndex": 1, "endLaneIndex": e,
          "points": [{"x": -W, "y": -6.0}, {"x": W, "y": -2.0 - 4 * e}]} for e in range(3)]
inter = {"id": "I", "point": {"x": 0, "y": 0}, "width": W, "roads": ["rin", "rout"],
         "roadLinks": [{"type": "go_straight", "startRoad": "rin", "endRoad": "rout", "direction": 0,
                        "laneLinks": links}],
         "trafficLight": {"roadLinkIndices": [0],
                          "lightphases": [{"time": 30, "availableRoadLinks": []},
                                          {"time": 30, "availableRoadLinks": [0]}]},
         "virtual": False}
roadnet = {"intersections": [virt("W", -L, ["rin"]), inter, virt("E", L, ["rout"])],
           "roads": [{"id": "rin", "points": [{"x": -L, "y": 0}, {"x": 0, "y": 0}], "lanes": lanes,
                      "startIntersection": "W", "endIntersection": "I"},
                     {"id": "rout", "points": [{"x": 0, "y": 0}, {"x": L, "y": 0}], "lanes": lanes,
                      "startIntersection": "I", "endIntersection": "E"}]}
veh = {"length": 5.0, "width": 2.0, "maxPosAcc": 2.0, "maxNegAcc": 4.5, "usualPosAcc": 2.0,
       "usualNegAcc": 4.5, "minGap": 2.5, "maxSpeed": 11.111, "headwayTime": hw}
flow = [{"vehicle": veh, "route": ["rin", "rout"], "interval": iv, "startTime": 0,
         "endTime": int((n - 1) * iv)}]
json.dump(roadnet, open(os.path.join(out, "roadnet.json"), "w"), indent=1)
json.dump(flow, open(os.path.join(out, "flow.json"), "w"), indent=1)
json.dump({"interval": 1.0, "seed": 0, "dir": out.rstrip("/") + "/", "roadnetFile": "roadnet.json",
           "flowFile": "flow.json", "rlTrafficLight": True, "laneChange": False, "saveReplay": False,
           "roadnetLogFile": "replay_roadnet.json", "replayLogFile": "replay.txt"},
          open(os.path.join(out, "config.json"), "w"), indent=1)
