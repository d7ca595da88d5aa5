#!/usr/bin/env python3
"""A legitimate visitor for benches/attack.sh: GETs at a steady rate from its own loopback
address and reports its success rate and latency percentiles as one JSON line.

usage: legit_client.py PORT SOURCE_IP SECONDS RATE_PER_S
"""

import http.client
import json
import sys
import time


def one(port: int, source: str) -> tuple[bool, float]:
    started = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
        conn.request("GET", "/", headers={"Host": "portal.test", "User-Agent": "Mozilla/5.0"})
        ok = conn.getresponse().status == 200
        conn.close()
    except OSError:
        ok = False
    return ok, time.perf_counter() - started


def main() -> None:
    port, source, seconds, rate = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    deadline = time.monotonic() + seconds
    results = []
    while time.monotonic() < deadline:
        tick = time.monotonic()
        results.append(one(port, source))
        time.sleep(max(0.0, 1.0 / rate - (time.monotonic() - tick)))
    lat = sorted(r[1] for r in results)
    pct = lambda p: round(lat[min(len(lat) - 1, int(p * len(lat)))] * 1000, 2)
    ok = sum(1 for r in results if r[0])
    print(json.dumps({"requests": len(results), "ok": ok, "success_pct": round(100 * ok / len(results), 2),
                      "p50_ms": pct(0.50), "p99_ms": pct(0.99)}))


if __name__ == "__main__":
    main()
