"""How many browser sessions one machine serves: memory per session and keystroke echo latency.

Starts `tutor serve` on a free local port with a scratch database, then for each N opens N concurrent
sessions as raw websocket clients speaking textual-serve's protocol (what the page's script does: a
`resize`, then `stdin` keys; the screen comes back as terminal bytes). For each N it reports:

- start: seconds from connecting until the sign-in screen arrived (all N started together);
- memory of each session's app process (Linux /proc): RSS, PSS (shared pages divided among the processes
  that share them: the fair per-session cost) and USS (private pages only);
- idle CPU: what N sessions sitting on the sign-in screen cost (the cursor blinks);
- keystroke echo latency: every session types into the Employee ID field at the same time, one key every
  `--interval` seconds (with jitter, not in lockstep); latency is the time from sending a key until the
  screen update showing it arrives. p50, p95 and max over all keys of all sessions. Each session first
  types a few untimed keys: the first key of a fresh session costs 20-50 ms of CPU (Textual loads code
  on first use), which is not what a learner typing an answer feels.

The clients run on the same machine and take some of its CPU, so the figures are slightly pessimistic.
Sessions cache their bytecode, as after an install, even where the shell sets PYTHONDONTWRITEBYTECODE.
The browser's own drawing time (on the learner's computer) is not included.

    python benchmarks/bench_serve.py                     # N = 1, 2, 4, 8, 12, 16, 20, 24, 32
    python benchmarks/bench_serve.py --sessions 1,8 --keys 30 --interval 0.25

Linux only (reads /proc). Needs textual-serve (pip install '.[serve]').
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ANSI = re.compile(rb"\x1b(\[[0-9;?<=>]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")
CLEAR_EVERY = 16  # ctrl+u empties the field now and then, so it never scrolls


def words(data: bytes) -> str:
    return ANSI.sub(b"", data).decode("utf-8", "replace")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# /proc ---------------------------------------------------------------------------------------------------
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def children_of(root: int) -> list[int]:
    """Every descendant of `root`."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def session_processes(server: int) -> list[int]:
    """The app processes (one per browser tab), not the shells that started them."""
    result = []
    for pid in children_of(server):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"-m" in cmdline and b"tutor" in cmdline and b"--db" in cmdline and b"-c" not in cmdline:
            result.append(pid)
    return result


def memory(pid: int) -> dict[str, int]:
    """RSS, PSS and USS in kB."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            key, value = line.split(":", 1)
            values[key] = int(value.split()[0])
    except OSError:
        return {"rss": 0, "pss": 0, "uss": 0}
    return {"rss": values.get("Rss", 0), "pss": values.get("Pss", 0),
            "uss": values.get("Private_Clean", 0) + values.get("Private_Dirty", 0)}


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / CLOCK_TICKS


# One session ---------------------------------------------------------------------------------------------
class Session:
    def __init__(self, http: aiohttp.ClientSession, url: str, seed: int):
        self.http, self.url = http, url
        self.rng = random.Random(seed)
        self.buffer = bytearray()
        self.arrived = asyncio.Event()
        self.latencies: list[float] = []
        self.value = ""

    async def open(self) -> float:
        started = time.perf_counter()
        self.ws = await self.http.ws_connect(self.url, max_msg_size=0)
        await self.ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
        self.reader = asyncio.create_task(self._read())
        await self.until(lambda text: "Employee ID" in text, timeout=300)
        return time.perf_counter() - started

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.buffer += message.data
                self.arrived.set()

    async def until(self, seen, timeout: float) -> bool:
        deadline = time.perf_counter() + timeout
        while not seen(words(bytes(self.buffer))):
            self.arrived.clear()
            left = deadline - time.perf_counter()
            if left <= 0:
                return False
            try:
                await asyncio.wait_for(self.arrived.wait(), left)
            except asyncio.TimeoutError:
                return False
        return True

    async def key(self, data: str) -> None:
        await self.ws.send_str(json.dumps(["stdin", data]))

    async def warm_up(self, interval: float) -> None:
        """A few untimed keys: a session's first key costs more (Textual loads things on first use)."""
        for char in "abc":
            await self.key(char)
            await asyncio.sleep(interval)
        await self.key("\x15")
        await asyncio.sleep(interval)

    async def type(self, keys: int, interval: float, timeout: float) -> None:
        await asyncio.sleep(self.rng.uniform(0, interval))  # learners do not type in lockstep
        for i in range(keys):
            if i and i % CLEAR_EVERY == 0:
                await self.key("\x15")  # ctrl+u: empty the field (not timed)
                self.value = ""
                await asyncio.sleep(interval)
            char = self.rng.choice(string.ascii_lowercase)
            self.value += char
            expected = self.value[-6:]
            self.buffer.clear()
            sent = time.perf_counter()
            await self.key(char)
            if await self.until(lambda text: expected in text, timeout):
                self.latencies.append(time.perf_counter() - sent)
            else:
                self.latencies.append(float("inf"))
            await asyncio.sleep(max(0.0, interval * self.rng.uniform(0.6, 1.4) - (time.perf_counter() - sent)))

    async def close(self) -> None:
        await self.ws.close()
        self.reader.cancel()


# A round with N sessions -------------------------------------------------------------------------------
async def round_of(n: int, base: str, server: int, keys: int, interval: float, idle: float) -> dict:
    url = base.replace("http", "ws", 1) + "/ws?width=100&height=30"
    connector = aiohttp.TCPConnector(limit=0)  # the default allows only 100 connections
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=None)) as http:
        sessions = [Session(http, url, seed=1000 * n + i) for i in range(n)]
        starts = await asyncio.gather(*(s.open() for s in sessions))
        await asyncio.gather(*(s.warm_up(interval) for s in sessions))
        await asyncio.sleep(2)
        pids = session_processes(server)
        mem = [memory(pid) for pid in pids]
        before, t0 = cpu_seconds(pids), time.perf_counter()
        await asyncio.sleep(idle)
        idle_cpu = (cpu_seconds(pids) - before) / (time.perf_counter() - t0)
        server_before, apps_before = cpu_seconds([server]), cpu_seconds(pids)
        t1 = time.perf_counter()
        await asyncio.gather(*(s.type(keys, interval, timeout=10) for s in sessions))
        elapsed = time.perf_counter() - t1
        server_cpu = (cpu_seconds([server]) - server_before) / elapsed
        apps_cpu = (cpu_seconds(pids) - apps_before) / elapsed
        latencies = sorted(x for s in sessions for x in s.latencies)
        for s in sessions:
            await s.close()
    deadline = time.monotonic() + 60
    while session_processes(server) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    lost = sum(1 for x in latencies if x == float("inf"))
    finite = [x for x in latencies if x != float("inf")] or [float("nan")]
    p95_index = max(0, int(round(0.95 * len(latencies))) - 1)
    return {
        "n": n,
        "processes": len(pids),
        "start_max": max(starts),
        "rss": statistics.mean(m["rss"] for m in mem) / 1024 if mem else float("nan"),
        "pss": statistics.mean(m["pss"] for m in mem) / 1024 if mem else float("nan"),
        "uss": statistics.mean(m["uss"] for m in mem) / 1024 if mem else float("nan"),
        "total_pss": sum(m["pss"] for m in mem) / 1024,
        "idle_cpu": idle_cpu,
        "server_cpu": server_cpu,
        "apps_cpu": apps_cpu,
        "keys": len(latencies),
        "lost": lost,
        "p50": statistics.median(finite) * 1000,
        "p95": latencies[p95_index] * 1000,
        "max": latencies[-1] * 1000,
    }


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen:
    env = dict(os.environ)
    env.pop("TUTOR_DB", None)
    # Bytecode cached, as after an install, even where the shell turns writing it off.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "tutor-bench-pycache")
    process = subprocess.Popen(
        [sys.executable, "-m", "tutor", "serve", "--port", str(port), "--db", str(db)],
        stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            sys.exit(f"tutor serve exited:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process
        except OSError:
            if time.monotonic() > deadline:
                sys.exit("tutor serve did not start")
            time.sleep(0.1)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        mem = f"{int(Path('/proc/meminfo').read_text().split()[1]) / 1024 / 1024:.0f} GB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} CPUs ({model}), {mem} RAM, Python {sys.version.split()[0]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", default="1,2,4,8,12,16,20,24,32", help="comma-separated N values")
    parser.add_argument("--keys", type=int, default=40, help="keys each session types per round")
    parser.add_argument("--interval", type=float, default=0.25, help="seconds between one session's keys")
    parser.add_argument("--idle", type=float, default=5.0, help="seconds to measure idle CPU")
    parser.add_argument("--target-ms", type=float, default=150.0, help="p95 latency target")
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    args = parser.parse_args()
    counts = [int(x) for x in args.sessions.split(",") if x.strip()]

    with tempfile.TemporaryDirectory() as scratch:
        port = free_port()
        server = start_server(Path(scratch) / "bench.db", port, Path(scratch) / "serve.log")
        rows = []
        try:
            print(f"# tutor serve, {time.strftime('%Y-%m-%d')}, {machine()}")
            print(f"# every session types one key every ~{args.interval:g} s, {args.keys} keys each")
            header = ("N", "start s", "RSS MB", "PSS MB", "USS MB", "sum PSS MB", "idle CPU", "typing CPU", "relay CPU",
                      "keys", "lost", "p50 ms", "p95 ms", "max ms")
            print("| " + " | ".join(header) + " |")
            print("|" + "---:|" * len(header))
            for n in counts:
                row = asyncio.run(round_of(n, f"http://127.0.0.1:{port}", server.pid, args.keys,
                                           args.interval, args.idle))
                rows.append(row)
                print(f"| {n} | {row['start_max']:.1f} | {row['rss']:.0f} | {row['pss']:.0f} | {row['uss']:.0f} "
                      f"| {row['total_pss']:.0f} | {row['idle_cpu']:.0%} | {row['apps_cpu']:.0%} | {row['server_cpu']:.0%} "
                      f"| {row['keys']} | {row['lost']} | {row['p50']:.0f} | {row['p95']:.0f} | {row['max']:.0f} |",
                      flush=True)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        good = [r["n"] for r in rows if r["p95"] <= args.target_ms and not r["lost"]]
        print(f"# largest N with p95 <= {args.target_ms:g} ms: {max(good) if good else 'none'}")
        if args.json:
            Path(args.json).write_text(json.dumps({"machine": machine(), "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
