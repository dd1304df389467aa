#!/usr/bin/env python3
"""Summarise sat output: crossing times after green, headway mean over vehicles 5..20
(= (c20 - c4)/16), saturation flow 3600/h, start-up lost time (HCM) = c4 - 4h."""
import sys
for f in sys.argv[1:]:
    ci, cf, q = [], [], None
    for line in open(f):
        p = line.strip().split(',')
        if p[0] == 'cross': ci.append(float(p[3])); cf.append(float(p[4]))
        if p[0] == 'queue_at_green': q = int(p[1])
    print(f'== {f}  queue_at_green={q}  crossings={len(ci)}')
    for name, c in (('step-end (integer)', ci), ('interpolated', cf)):
        h = (c[19] - c[3]) / 16
        hs = [c[0]] + [c[i] - c[i-1] for i in range(1, len(c))]
        print(f'  [{name}] first 10 crossings: {c[:10]}')
        print(f'    headways 1..10: {[round(x,2) for x in hs[:10]]}  h21..30 mean: {(c[29]-c[19])/10:.3f}' if len(c) >= 30 else '')
        print(f'    sat headway (veh5-20) {h:.3f} s/veh  sat flow {3600/h:.0f} veh/h/lane  '
              f'start-up lost time c4-4h {c[3]-4*h:.2f} s')
