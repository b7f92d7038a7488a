"""Clients that hold a server's connections without using them (bench/slow_clients.sh): IDLE
keep-alive connections that asked for one page and then say nothing, and SLOW clients that
send a request one byte a second. Runs for SECONDS, then prints how many idle connections the
server still held and how the slow clients fared.

    python3 bench/slow_clients.py HOST:PORT PATH IDLE SLOW SECONDS
"""

import asyncio
import sys
import time

ADDRESS, PATH, IDLE, SLOW, SECONDS = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
HOST, PORT = ADDRESS.rsplit(":", 1)


async def idle(stats):
    """Asks for one page on a keep-alive connection, then waits; notes whether the server
    closed it."""
    try:
        reader, writer = await asyncio.open_connection(HOST, int(PORT))
        writer.write(f"GET {PATH} HTTP/1.1\r\nHost: {ADDRESS}\r\n\r\n".encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
        await reader.readexactly(length)
        stats["idle opened"] += 1
        try:
            await asyncio.wait_for(reader.read(1), timeout=SECONDS)
            stats["idle closed by the server"] += 1
        except asyncio.TimeoutError:
            stats["idle still open"] += 1
        writer.close()
    except (OSError, asyncio.IncompleteReadError, StopIteration):
        stats["idle refused"] += 1


async def slow(stats, closed_after):
    """Sends a request one byte a second, starting again whenever the server hangs up."""
    request = f"GET {PATH} HTTP/1.1\r\nHost: {ADDRESS}\r\nX-Padding: {'a' * 4000}\r\n\r\n".encode()
    end = time.time() + SECONDS
    while time.time() < end:
        try:
            reader, writer = await asyncio.open_connection(HOST, int(PORT))
        except OSError:
            stats["slow refused"] += 1
            await asyncio.sleep(1)
            continue
        opened = time.time()
        try:
            for byte in request:
                if time.time() >= end:
                    break
                writer.write(bytes([byte]))
                await writer.drain()
                try:
                    await asyncio.wait_for(reader.read(1), timeout=1.0)
                    # Anything read (an answer, or the end of the stream) before the request is
                    # whole means the server gave up on it.
                    raise ConnectionResetError
                except asyncio.TimeoutError:
                    pass
            else:
                stats["slow sent whole"] += 1
        except (OSError, ConnectionResetError):
            closed_after.append(time.time() - opened)
        writer.close()


async def main():
    stats = {
        "idle opened": 0,
        "idle still open": 0,
        "idle closed by the server": 0,
        "idle refused": 0,
        "slow refused": 0,
        "slow sent whole": 0,
    }
    closed_after = []
    await asyncio.gather(*[idle(stats) for _ in range(IDLE)], *[slow(stats, closed_after) for _ in range(SLOW)])
    print(", ".join(f"{k} {v}" for k, v in stats.items()))
    if closed_after:
        closed_after.sort()
        print(f"slow clients cut off by the server {len(closed_after)} times, after {closed_after[len(closed_after) // 2]:.0f} s (median)")
    else:
        print("slow clients never cut off by the server")


asyncio.run(main())
