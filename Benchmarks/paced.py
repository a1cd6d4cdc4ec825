"""An open-loop load at a fixed rate, timed from each request's scheduled start.

wrk times a request from when it is sent. At a fixed rate, a request that waits for a free
connection (because the server fell behind) is sent late, and that wait is left out of its time:
coordinated omission. Here every request has a scheduled time (the n-th at start + n / rate), and
its latency is measured from that time to the end of its answer, so queueing counts. A fixed pool
of keep-alive connections sends them; requests due while every connection is busy wait their turn
and the wait is in their time. Used by load.py for --paced.
"""
import asyncio
import time
from urllib.parse import urlsplit


async def _read_response(reader):
    """Reads one HTTP/1.1 answer; returns its status."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("the server closed the connection")
    status = int(status_line.split()[1])
    length, chunked = 0, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value.strip())
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


async def _run(url, method, headers, body, rate, duration, connections):
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    payload = body.encode() if body else b""
    head = [f"{method} {target} HTTP/1.1", f"Host: {parts.netloc}", "Connection: keep-alive",
            f"Content-Length: {len(payload)}"] + [f"{k}: {v}" for k, v in headers.items() if v]
    request = ("\r\n".join(head) + "\r\n\r\n").encode() + payload
    total = int(rate * duration)
    queue = asyncio.Queue()
    latencies, statuses, errors = [], {}, []
    start = time.monotonic() + 0.2

    async def worker():
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        try:
            while True:
                scheduled = await queue.get()
                if scheduled is None:
                    return
                try:
                    writer.write(request)
                    await writer.drain()
                    status = await _read_response(reader)
                    latencies.append(time.monotonic() - scheduled)
                    statuses[status] = statuses.get(status, 0) + 1
                except (ConnectionError, asyncio.IncompleteReadError, ValueError) as error:
                    errors.append(str(error))
                    writer.close()
                    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        finally:
            writer.close()

    workers = [asyncio.create_task(worker()) for _ in range(connections)]
    for n in range(total):
        scheduled = start + n / rate
        pause = scheduled - time.monotonic()
        if pause > 0:
            await asyncio.sleep(pause)
        queue.put_nowait(scheduled)
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    elapsed = time.monotonic() - start
    return latencies, statuses, errors, elapsed


def run(url, method, headers, body, rate, duration, connections):
    """Offers `rate` requests/s for `duration` s over `connections` connections. Returns the rate
    answered, p50 and p99 in ms from each request's scheduled time, the count of answers that were
    not 2xx or 3xx, and a note of connection errors."""
    latencies, statuses, errors, elapsed = asyncio.run(_run(url, method, headers, body, rate, duration, connections))
    latencies.sort()

    def percentile(share):
        return latencies[min(len(latencies) - 1, int(share * len(latencies)))] * 1000 if latencies else float("nan")

    bad = sum(count for status, count in statuses.items() if not 200 <= status < 400)
    note = f"{len(errors)} connection errors" if errors else ""
    return len(latencies) / elapsed, percentile(0.50), percentile(0.99), bad, note
