# Saturation check on the real Hangzhou roadnet: 30 through vehicles on road_0_1_0 (W entry of
# intersection_1_1) heading east to the network edge; intersection_1_1 held at phase 0 (right turns
# only) until 150 s, then phase 1 (links 0 and 7 = E-W through); downstream 2_1..4_1 phase 1 throughout.
import json, sys
hw = float(sys.argv[1]); d = '/tmp/cityflow-work/runs/hz_real/'
veh = {"length": 5.0, "width": 2.0, "maxPosAcc": 2.0, "maxNegAcc": 4.5, "usualPosAcc": 2.0,
       "usualNegAcc": 4.5, "minGap": 2.5, "maxSpeed": 11.111, "headwayTime": hw}
json.dump([{"vehicle": veh, "route": ["road_0_1_0", "road_1_1_0", "road_2_1_0", "road_3_1_0", "road_4_1_0"],
            "interval": 1.0, "startTime": 0, "endTime": 29}], open(d + 'flow_h%g.json' % hw, 'w'))
json.dump({"interval": 1.0, "seed": 0, "dir": "/tmp/cityflow-work/data/", "roadnetFile": "roadnet_4_4.json",
           "flowFile": "../runs/hz_real/flow_h%g.json" % hw, "rlTrafficLight": True, "laneChange": False,
           "saveReplay": False, "roadnetLogFile": "x.json", "replayLogFile": "x.txt"},
          open(d + 'config_h%g.json' % hw, 'w'))
