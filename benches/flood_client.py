#!/usr/bin/env python3
"""An HTTP flood from many loopback addresses for benches/cache_load.sh: WORKERS asyncio
connections, each bound to its own source address 127.0.<i/250>.<i%250+2>, each sending
keep-alive GETs for PATHS distinct pages for SECONDS. Prints one JSON line: requests sent,
responses by status, and the number of source addresses used.

usage: flood_client.py PORT HOST SECONDS WORKERS PATHS
"""

import asyncio
import json
import sys
import time


async def worker(i, port, host, deadline, paths, counts):
    source = f"127.0.{1 + i // 250}.{i % 250 + 2}"
    n = i
    while time.monotonic() < deadline:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))
        except OSError:
            counts["connect_error"] = counts.get("connect_error", 0) + 1
            await asyncio.sleep(0.05)
            continue
        try:
            while time.monotonic() < deadline:
                path = f"/portal.html?page={n % paths}"
                n += 7
                writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: flood\r\n\r\n".encode())
                status, length = await read_head(reader)
                if length is None:
                    await read_chunked(reader)
                else:
                    await reader.readexactly(length)
                counts[status] = counts.get(status, 0) + 1
        except (OSError, asyncio.IncompleteReadError, ValueError):
            counts["cut"] = counts.get("cut", 0) + 1
        finally:
            writer.close()


async def read_chunked(reader):
    while True:
        size = int((await reader.readline()).split(b";")[0], 16)
        await reader.readexactly(size + 2)
        if size == 0:
            return


async def read_head(reader):
    """Status and Content-Length (None for a chunked body)."""
    line = await reader.readline()
    status = line.split()[1].decode()
    length = None
    while True:
        h = await reader.readline()
        if h in (b"\r\n", b""):
            break
        name, _, value = h.decode("latin-1").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    return status, length


async def main():
    port, host, seconds, workers, paths = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    deadline = time.monotonic() + seconds
    counts = {}
    await asyncio.gather(*(worker(i, int(port), host, deadline, paths, counts) for i in range(workers)))
    total = sum(v for k, v in counts.items() if k.isdigit())
    print(json.dumps({"requests": total, "by_status": counts, "sources": workers}))


asyncio.run(main())
