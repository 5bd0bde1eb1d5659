"""How many learners one machine serves: the HTML front end and the terminal version, in the same run.

Starts `tutor serve` on a free local port with a scratch database, then, against that one server:

HTML (`/`): for each N, N learners at once, each with its own cookie session, sign in (untimed) and then
walk the real training path as a browser would: read a lesson step, answer its check-yourself question,
start a quiz, answer, read the feedback, see the result, retake... One action is one click: a GET, or a
form POST and the page it redirects to. A learner waits `--think` seconds on average (uniform from half to
one and a half times that) between clicks, not in lockstep. Latency is from sending the click until the
whole page arrived; p50, p95 and max over every click of every learner. Each learner's first clicks are a
warm-up and untimed. "Server work" is what the server itself spent on a click (its Server-Timing header,
summed over a form's redirect): the rest of the latency is waiting, for the event loop or for a CPU.

Terminal (`/terminal`): for each N, N sessions as raw websocket clients speaking textual-serve's protocol
(what the page's script does: a `resize`, then `stdin` keys; the screen comes back as terminal bytes);
every session types into the Employee ID field, one key every `--interval` seconds (with jitter), and
latency is the time from sending a key until the screen update showing it arrives. Each session first
types a few untimed keys: a fresh session's first key costs 20-50 ms (Textual loads code on first use).
Also reported: seconds until every session showed the sign-in screen, and memory per session process
(Linux /proc: RSS, PSS = shared pages divided among the processes sharing them, USS = private only).

The clients run on the same machine and take some of its CPU (their share is printed), so the figures are
pessimistic; "load" is the machine's 1-minute load average at the end of the round: above the number of
CPUs, other programs were competing for them and the round says more about them than about the tutor.
Sessions cache their bytecode, as after an install. The browser's own drawing time is not included. The
last lines say, for each part, the largest N whose p95 stayed within `--target-ms` with no click or key
lost.

    python benchmarks/bench_serve.py                             # both parts, default N lists
    python benchmarks/bench_serve.py --html 100,500 --terminal 0  # HTML only
    python benchmarks/bench_serve.py --quick

Linux only (reads /proc). Needs the `serve` extra (pip install '.[serve]').
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
from html import unescape
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
    url = base.replace("http", "ws", 1) + "/terminal/ws?width=100&height=30"
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



# The HTML front end ---------------------------------------------------------------------------------------
HREF = re.compile(r'<a class="button[^"]*" href="([^"]+)"[^>]*>([^<]*)')
FORM = re.compile(r'<form method="post" action="([^"#]+)[^"]*"[^>]*>(.*?)</form>', re.S)
HIDDEN = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">')
CHOICE = re.compile(r'name="choice" value="([^"]+)"')


class Learner:
    """One learner in a browser: a cookie session, clicking through the training as the pages offer."""

    def __init__(self, base: str, index: int, seed: int):
        self.base = base
        self.index = index
        self.rng = random.Random(seed)
        self.latencies: list[float] = []
        self.server_times: list[float] = []
        self.worked = 0.0
        self.errors = 0
        self.page = ""
        self.url = ""

    async def _go(self, method: str, path: str, data: dict | None = None) -> None:
        async with self.http.request(method, self.base + path, data=data) as response:
            self.page = await response.text()
            self.url = str(response.url.path)
            self.worked += sum(server_ms(r) for r in (*response.history, response))
            if response.status >= 500:
                raise RuntimeError(f"{response.status} for {method} {path}")

    def _form(self, action_prefix: str) -> tuple[str, dict] | None:
        for action, body in FORM.findall(self.page):
            if action.startswith(action_prefix):
                return action, {unescape(k): unescape(v) for k, v in HIDDEN.findall(body)}
        return None

    async def start(self) -> None:
        jar = aiohttp.CookieJar(unsafe=True)
        self.http = aiohttp.ClientSession(cookie_jar=jar, timeout=aiohttp.ClientTimeout(total=120))
        await self._go("GET", "/")
        _, fields = self._form("/sign-in")
        fields.update(employee_id=f"B{self.index:05d}", full_name=f"Learner {self.index}", district="crec")
        await self._go("POST", "/sign-in", fields)

    async def click(self) -> None:
        """The next thing a learner would do on this page."""
        page, url = self.page, self.url
        if "/attempt/" in url or "/lesson/" in url:
            if 'name="choice"' in page and "disabled" not in page and 'class="feedback' not in page:
                action, fields = self._form(url)
                choices = CHOICE.findall(page)
                fields["choice"] = self.rng.choice(choices)
                await self._go("POST", action, fields)
                return
        if url == "/sign":
            action, fields = self._form("/sign")
            fields["full_name"] = f"Learner {self.index}"
            await self._go("POST", action, fields)
            return
        if "Confirm your signature" in page:
            action, fields = self._form("/sign/confirm")
            fields.update(full_name=f"Learner {self.index}", confirm="yes")
            await self._go("POST", action, fields)
            return
        for prefix in ("/quiz/", "/test-out"):
            found = self._form(prefix)
            if found and (url.startswith(prefix) or "/result" in url):
                await self._go("POST", found[0], found[1])
                return
        links = [href for href, label in HREF.findall(page) if href != "/" and not href.startswith("/receipt/")]
        await self._go("GET", unescape(links[0]) if links else "/continue")

    async def run(self, actions: int, warmup: int, think: float) -> None:
        await asyncio.sleep(self.rng.uniform(0, think))  # learners do not click in lockstep
        for i in range(warmup + actions):
            started = time.perf_counter()
            self.worked = 0.0
            try:
                await self.click()
            except Exception:
                self.errors += 1
                self.latencies.append(float("inf"))
                await self._go("GET", "/continue")
            else:
                if i >= warmup:
                    self.latencies.append(time.perf_counter() - started)
                    self.server_times.append(self.worked)
            await asyncio.sleep(think * self.rng.uniform(0.5, 1.5))

    async def close(self) -> None:
        await self.http.close()


def server_ms(response: aiohttp.ClientResponse) -> float:
    """The server's own time on one response (its Server-Timing header), in ms."""
    match = re.search(r"app;dur=([0-9.]+)", response.headers.get("Server-Timing", ""))
    return float(match.group(1)) if match else 0.0


def percentile(values: list[float], share: float) -> float:
    return values[max(0, int(round(share * len(values))) - 1)]


async def html_round(n: int, base: str, server: int, actions: int, warmup: int, think: float) -> dict:
    learners = [Learner(base, 10_000 * n + i, seed=1000 * n + i) for i in range(n)]
    for chunk in range(0, n, 50):  # sign-ins are untimed; 50 at a time, as a lab starting up
        await asyncio.gather(*(learner.start() for learner in learners[chunk:chunk + 50]))
    server_before, client_before = cpu_seconds([server]), time.process_time()
    started = time.perf_counter()
    await asyncio.gather(*(learner.run(actions, warmup, think) for learner in learners))
    elapsed = time.perf_counter() - started
    server_cpu = (cpu_seconds([server]) - server_before) / elapsed
    client_cpu = (time.process_time() - client_before) / elapsed
    for learner in learners:
        await learner.close()
    latencies = sorted(x for learner in learners for x in learner.latencies)
    finite = [x for x in latencies if x != float("inf")] or [float("nan")]
    worked = sorted(x for learner in learners for x in learner.server_times) or [float("nan")]
    return {
        "server_p50": statistics.median(worked), "server_p95": percentile(worked, 0.95),
        "n": n, "clicks": len(latencies), "lost": sum(l.errors for l in learners), "load": os.getloadavg()[0],
        "rate": len(latencies) / elapsed, "server_cpu": server_cpu, "client_cpu": client_cpu,
        "rss": memory(server)["rss"] / 1024,
        "p50": statistics.median(finite) * 1000, "p95": percentile(latencies, 0.95) * 1000,
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


def _counts(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip() and int(x) > 0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--html", default="100,250,500,750,1000", help="comma-separated N for the HTML pages (0: skip)")
    parser.add_argument("--terminal", default="16,32,64,96,128", help="comma-separated N for /terminal (0: skip)")
    parser.add_argument("--think", type=float, default=3.0, help="mean seconds between one HTML learner's clicks")
    parser.add_argument("--actions", type=int, default=15, help="timed clicks per HTML learner per round")
    parser.add_argument("--warmup", type=int, default=2, help="untimed clicks per HTML learner first")
    parser.add_argument("--keys", type=int, default=40, help="keys each terminal session types per round")
    parser.add_argument("--interval", type=float, default=0.25, help="seconds between one terminal session's keys")
    parser.add_argument("--idle", type=float, default=5.0, help="seconds to measure idle CPU of terminal sessions")
    parser.add_argument("--target-ms", type=float, default=150.0, help="p95 latency target")
    parser.add_argument("--quick", action="store_true", help="a short run: --html 50,200 --terminal 8,32 --actions 6")
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    args = parser.parse_args()
    if args.quick:
        args.html, args.terminal, args.actions, args.keys = "50,200", "8,32", 6, 20
    html_counts, terminal_counts = _counts(args.html), _counts(args.terminal)

    with tempfile.TemporaryDirectory() as scratch:
        port = free_port()
        server = start_server(Path(scratch) / "bench.db", port, Path(scratch) / "serve.log")
        base = f"http://127.0.0.1:{port}"
        html_rows, terminal_rows = [], []
        try:
            print(f"# tutor serve, {time.strftime('%Y-%m-%d')}, {machine()}")
            if html_counts:
                print(f"\n## HTML pages: every learner clicks every ~{args.think:g} s, "
                      f"{args.actions} timed clicks each")
                header = ("learners", "clicks", "lost", "clicks/s", "server CPU", "client CPU", "server RSS MB",
                          "p50 ms", "p95 ms", "max ms", "server work p50 / p95 ms", "load")
                print("| " + " | ".join(header) + " |")
                print("|" + "---:|" * len(header))
                for n in html_counts:
                    row = asyncio.run(html_round(n, base, server.pid, args.actions, args.warmup, args.think))
                    html_rows.append(row)
                    print(f"| {n} | {row['clicks']} | {row['lost']} | {row['rate']:.0f} | {row['server_cpu']:.0%} "
                          f"| {row['client_cpu']:.0%} | {row['rss']:.0f} | {row['p50']:.1f} | {row['p95']:.1f} "
                          f"| {row['max']:.0f} | {row['server_p50']:.1f} / {row['server_p95']:.1f} "
                          f"| {row['load']:.1f} |", flush=True)
            if terminal_counts:
                print(f"\n## /terminal: every session types one key every ~{args.interval:g} s, {args.keys} keys each")
                header = ("N", "start s", "RSS MB", "PSS MB", "USS MB", "sum PSS MB", "idle CPU", "typing CPU",
                          "relay CPU", "keys", "lost", "p50 ms", "p95 ms", "max ms", "load")
                print("| " + " | ".join(header) + " |")
                print("|" + "---:|" * len(header))
                for n in terminal_counts:
                    row = asyncio.run(round_of(n, base, server.pid, args.keys, args.interval, args.idle))
                    terminal_rows.append(row)
                    print(f"| {n} | {row['start_max']:.1f} | {row['rss']:.0f} | {row['pss']:.0f} | {row['uss']:.0f} "
                          f"| {row['total_pss']:.0f} | {row['idle_cpu']:.0%} | {row['apps_cpu']:.0%} "
                          f"| {row['server_cpu']:.0%} | {row['keys']} | {row['lost']} | {row['p50']:.0f} "
                          f"| {row['p95']:.0f} | {row['max']:.0f} | {os.getloadavg()[0]:.1f} |", flush=True)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        print()
        for label, rows in (("HTML learners", html_rows), ("terminal sessions", terminal_rows)):
            if not rows:
                continue
            good = [r["n"] for r in rows if r["p95"] <= args.target_ms and not r["lost"]]
            print(f"# largest N with p95 <= {args.target_ms:g} ms, {label}: {max(good) if good else 'none'} "
                  f"(of {', '.join(str(r['n']) for r in rows)})")
        if args.json:
            Path(args.json).write_text(json.dumps(
                {"machine": machine(), "html": html_rows, "terminal": terminal_rows}, indent=2))


if __name__ == "__main__":
    main()
