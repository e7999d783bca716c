# GET /mine n times against a node, a new connection each time (urllib, as a user script would), and
# print one JSON line: blocks, useful attempts (the sum of proof + 1), seconds, attempts per second,
# and the median and 90th percentile time per block. Usage: mine_loop.py <base url> <n>
import json, sys, time, urllib.request
base, n = sys.argv[1], int(sys.argv[2])
attempts, times = 0, []
start = time.perf_counter()
for _ in range(n):
    t0 = time.perf_counter()
    with urllib.request.urlopen(base + "/mine") as r:
        block = json.loads(r.read())
    times.append(time.perf_counter() - t0)
    attempts += block["proof"] + 1
elapsed = time.perf_counter() - start
times.sort()
print(json.dumps({"blocks": n, "attempts": attempts, "seconds": elapsed, "attempts_per_second": attempts / elapsed,
                  "p50_ms": times[n // 2] * 1000, "p90_ms": times[int(n * 0.9)] * 1000}))
