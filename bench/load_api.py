"""Load benchmark of ``POST /api/ask`` against the real service on 127.0.0.1.

Starts ``assistant serve`` (extractive backend) in a subprocess on a free loopback port, then drives it
with a small asyncio HTTP/1.1 keep-alive client (cheap enough to share the 2 cores with the server):

1. warm-up (every question asked once);
2. latency at 10 concurrent clients (p50 / p95 / p99);
3. sustained throughput for 30 s (requests/s, errors, slowest second);
4. memory: a second server with the answer cache off (ASSISTANT_ANSWER_CACHE_SIZE=0), so every request
   runs the whole pipeline (query embedding, hybrid retrieval, extractive answer): RSS of the server
   process over 5,000 requests after warm-up (growth must stay ≤ 10 %), and the latency/throughput of
   never-seen questions (reported, not a target).

Phases 1–3 run against the service as deployed: repeated questions are answered from its bounded answer
cache (assistant/api/cache.py).

Questions are the evaluation set (eval/questions.jsonl), cycled in a shuffled order. Every loop is bounded
(request count or deadline) and only 127.0.0.1 is contacted.

    python bench/load_api.py                 # full run, prints a table, writes bench/out/api_load.json
    python bench/load_api.py --quick         # shorter phases (smoke test)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out" / "api_load.json"
HOST = "127.0.0.1"

TARGETS = {"p50_ms": 50.0, "p95_ms": 150.0, "rps": 100.0, "rss_growth_pct": 10.0}


# ------------------------------------------------------------------------------------------ server


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def rss_bytes(pid: int) -> int:
    """Resident set size of a process (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def start_server(port: int, extra_env: dict[str, str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", "ASSISTANT_BACKEND": "extractive",
           **extra_env}
    cmd = [sys.executable, "-m", "assistant", "serve", "--host", HOST, "--port", str(port), "--no-access-log"]
    log = open(REPO / "bench" / "out" / "api_server.log", "wb")  # noqa: SIM115 - lives as long as the server
    return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def wait_healthy(port: int, proc: subprocess.Popen[bytes], timeout_s: float = 600) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s  # the first start may build the index
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}; see bench/out/api_server.log")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2) as r:
                return json.loads(r.read())
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not become healthy in time")


# ------------------------------------------------------------------------------------------ client


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests
    errors: list[str] = field(default_factory=list)
    done_at: list[float] = field(default_factory=list)  # monotonic completion times
    wall_s: float = 0.0
    rss: list[tuple[int, int]] = field(default_factory=list)  # (requests done, RSS bytes)

    @property
    def n(self) -> int:
        return len(self.latencies) + len(self.errors)

    def pct(self, q: float) -> float:
        xs = sorted(self.latencies)
        if not xs:
            return float("nan")
        return xs[min(len(xs) - 1, max(0, round(q / 100 * len(xs) + 0.5) - 1))] * 1000

    def per_second(self) -> list[int]:
        """Completed requests in each whole second of the phase (the partial last second is dropped)."""
        if not self.done_at:
            return []
        t0 = self.done_at[0] - self.latencies[0] if self.latencies else self.done_at[0]
        counts: dict[int, int] = {}
        for t in self.done_at:
            counts[int(t - t0)] = counts.get(int(t - t0), 0) + 1
        full = int(self.wall_s)
        return [counts.get(i, 0) for i in range(full)]

    def summary(self) -> dict[str, Any]:
        secs = self.per_second()
        return {
            "requests": self.n,
            "errors": len(self.errors),
            "error_samples": self.errors[:5],
            "wall_s": round(self.wall_s, 2),
            "rps": round(self.n / self.wall_s, 1) if self.wall_s else 0.0,
            "p50_ms": round(self.pct(50), 1),
            "p95_ms": round(self.pct(95), 1),
            "p99_ms": round(self.pct(99), 1),
            "max_ms": round(max(self.latencies) * 1000, 1) if self.latencies else None,
            "mean_ms": round(statistics.fmean(self.latencies) * 1000, 1) if self.latencies else None,
            "slowest_second_rps": min(secs) if secs else None,
        }


class Client:
    """One keep-alive HTTP/1.1 connection sending ``POST /api/ask`` requests."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def connect(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(HOST, self.port)

    async def close(self) -> None:
        if self.writer:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def ask(self, body: bytes, timeout_s: float) -> tuple[int, bytes]:
        if self.writer is None:
            await self.connect()
        assert self.reader is not None and self.writer is not None
        head = (
            f"POST /api/ask HTTP/1.1\r\nHost: {HOST}:{self.port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
        ).encode()
        self.writer.write(head + body)

        async def read() -> tuple[int, bytes]:
            assert self.reader is not None
            raw = await self.reader.readuntil(b"\r\n\r\n")
            lines = raw.decode("latin-1").split("\r\n")
            status = int(lines[0].split()[1])
            length = next(int(v) for k, _, v in (ln.partition(":") for ln in lines[1:]) if k.lower() == "content-length")
            return status, await self.reader.readexactly(length)

        return await asyncio.wait_for(read(), timeout_s)


async def run_phase(
    port: int,
    bodies: list[bytes],
    phase: Phase,
    *,
    concurrency: int,
    requests: int | None = None,
    duration_s: float | None = None,
    rss_pid: int | None = None,
    rss_every: int = 250,
    timeout_s: float = 10.0,
) -> Phase:
    """Closed loop: ``concurrency`` clients, each sending its next request as soon as the last returns."""
    assert requests or duration_s, "a phase is bounded by a request count or a duration"
    counter = {"next": 0}
    t_start = time.monotonic()
    deadline = t_start + duration_s if duration_s else float("inf")
    limit = requests if requests else 10**9  # still bounded: the deadline ends duration phases

    async def worker() -> None:
        client = Client(port)
        try:
            while True:
                i = counter["next"]
                if i >= limit or time.monotonic() >= deadline:
                    return
                counter["next"] = i + 1
                body = bodies[i % len(bodies)]
                t0 = time.perf_counter()
                try:
                    status, payload = await client.ask(body, timeout_s)
                    ok = status == 200 and payload.startswith(b'{"answer":')
                    err = None if ok else f"HTTP {status}: {payload[:120]!r}"
                except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as e:
                    err = f"{type(e).__name__}: {e}"
                    await client.close()
                dt = time.perf_counter() - t0
                if err is None:
                    phase.latencies.append(dt)
                else:
                    phase.errors.append(err)
                phase.done_at.append(time.monotonic())
                if rss_pid and phase.n % rss_every == 0:
                    phase.rss.append((phase.n, rss_bytes(rss_pid)))
        finally:
            await client.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    phase.wall_s = time.monotonic() - t_start
    return phase


# ------------------------------------------------------------------------------------------ main


def load_bodies(path: Path, seed: int) -> list[bytes]:
    questions = [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    random.Random(seed).shuffle(questions)
    return [json.dumps({"question": q}, ensure_ascii=False).encode() for q in questions]


def git_commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                              timeout=10).stdout.strip() or None
    except OSError:
        return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--concurrency", type=int, default=10)
    ap.add_argument("--latency-requests", type=int, default=2000)
    ap.add_argument("--duration", type=float, default=30.0, help="sustained-throughput phase, seconds")
    ap.add_argument("--memory-requests", type=int, default=5000, help="requests through the whole pipeline (no cache)")
    ap.add_argument("--warmup", type=int, default=300)
    ap.add_argument("--questions", type=Path, default=REPO / "eval" / "questions.jsonl")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--quick", action="store_true", help="short phases (smoke test; targets not meaningful)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if args.quick:
        args.latency_requests, args.duration, args.memory_requests, args.warmup = 200, 3.0, 300, 50

    (REPO / "bench" / "out").mkdir(parents=True, exist_ok=True)
    bodies = load_bodies(args.questions, args.seed)
    c = args.concurrency
    run = asyncio.run

    # Server A: as deployed (answer cache on). Latency and throughput.
    port = free_port()
    proc = start_server(port, {})
    try:
        t0 = time.monotonic()
        health = wait_healthy(port, proc)
        startup_s = time.monotonic() - t0
        print(f"Máy chủ sẵn sàng sau {startup_s:.1f} s (pid {proc.pid}, cổng {port}); {len(bodies)} câu hỏi khác nhau.")
        # The warm-up asks every question at least once: phases 1-3 measure repeated questions.
        warm = run(run_phase(port, bodies, Phase("warm-up"), concurrency=c, requests=max(args.warmup, len(bodies))))
        lat = run(run_phase(port, bodies, Phase("latency"), concurrency=c, requests=args.latency_requests))
        print(f"  độ trễ: p50 {lat.pct(50):.1f} ms, p95 {lat.pct(95):.1f} ms")
        rss_a0 = rss_bytes(proc.pid)
        thr = run(run_phase(port, bodies, Phase("throughput"), concurrency=c, duration_s=args.duration))
        rss_a1 = rss_bytes(proc.pid)
        print(f"  thông lượng: {thr.n / thr.wall_s:.1f} yêu cầu/s trong {thr.wall_s:.1f} s")
    finally:
        stop_server(proc)

    # Server B: answer cache off, so every request runs the whole pipeline (query embedding, hybrid
    # retrieval, extractive answer). Memory over 5,000 requests, and what a never-seen question costs.
    port = free_port()
    proc = start_server(port, {"ASSISTANT_ANSWER_CACHE_SIZE": "0"})
    try:
        wait_healthy(port, proc)
        cold_warm = run(run_phase(port, bodies, Phase("cold warm-up"), concurrency=c, requests=max(50, args.warmup // 3)))
        rss_start = rss_bytes(proc.pid)
        mem = run(run_phase(port, bodies, Phase("memory, no cache"), concurrency=c, requests=args.memory_requests,
                            rss_pid=proc.pid, rss_every=250))
        rss_end = rss_bytes(proc.pid)
        rss_peak = max([rss_end, *(r for _, r in mem.rss)])
        print(f"  không bộ đệm: p50 {mem.pct(50):.1f} ms, p95 {mem.pct(95):.1f} ms, {mem.n / mem.wall_s:.1f} yc/s")
    finally:
        stop_server(proc)

    growth = (rss_end - rss_start) / rss_start * 100
    peak_growth = (rss_peak - rss_start) / rss_start * 100
    growth_a = (rss_a1 - rss_a0) / rss_a0 * 100
    phases = (warm, lat, thr, cold_warm, mem)
    lat_s, thr_s, mem_s = lat.summary(), thr.summary(), mem.summary()
    checks = {
        "p50": lat_s["p50_ms"] < TARGETS["p50_ms"],
        "p95": lat_s["p95_ms"] < TARGETS["p95_ms"],
        "throughput": thr_s["rps"] >= TARGETS["rps"] and thr_s["errors"] == 0 and thr.wall_s >= args.duration - 0.5,
        "memory": peak_growth <= TARGETS["rss_growth_pct"] and growth_a <= TARGETS["rss_growth_pct"],
        "no_errors": all(p.summary()["errors"] == 0 for p in phases),
    }
    result = {
        "command": "python bench/load_api.py" + (" --quick" if args.quick else ""),
        "commit": git_commit(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "loadavg_at_end": os.getloadavg()},
        "server": {"startup_s": round(startup_s, 1), "health": health, "backend": "extractive"},
        "concurrency": c,
        "distinct_questions": len(bodies),
        "targets": TARGETS,
        "phases": {p.name: p.summary() for p in phases},
        "throughput_per_second": thr.per_second(),
        "memory": {
            "no_cache_server": {
                "requests": mem.n,
                "rss_start_mb": round(rss_start / 2**20, 1),
                "rss_end_mb": round(rss_end / 2**20, 1),
                "rss_peak_mb": round(rss_peak / 2**20, 1),
                "growth_pct": round(growth, 2),
                "peak_growth_pct": round(peak_growth, 2),
                "samples": [(n, round(r / 2**20, 1)) for n, r in mem.rss],
            },
            "cached_server_over_throughput_phase": {
                "requests": thr.n, "rss_start_mb": round(rss_a0 / 2**20, 1), "rss_end_mb": round(rss_a1 / 2**20, 1),
                "growth_pct": round(growth_a, 2),
            },
        },
        "pass": checks,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")

    def ok(b: bool) -> str:
        return "ĐẠT" if b else "KHÔNG ĐẠT"

    n_err = sum(p.summary()["errors"] for p in phases)
    rows = [
        (f"Độ trễ p50 ({c} client)", f"{lat_s['p50_ms']:.1f} ms", f"< {TARGETS['p50_ms']:.0f} ms", ok(checks["p50"])),
        (f"Độ trễ p95 ({c} client)", f"{lat_s['p95_ms']:.1f} ms", f"< {TARGETS['p95_ms']:.0f} ms", ok(checks["p95"])),
        ("Độ trễ p99 / max", f"{lat_s['p99_ms']:.1f} / {lat_s['max_ms']:.1f} ms", "", ""),
        (f"Thông lượng {thr.wall_s:.0f} s", f"{thr_s['rps']:.1f} yc/s (giây chậm nhất {thr_s['slowest_second_rps']})",
         f"≥ {TARGETS['rps']:.0f} yc/s", ok(checks["throughput"])),
        ("Lỗi (mọi pha)", f"{n_err} / {sum(p.n for p in phases)} yêu cầu", "0", ok(checks["no_errors"])),
        (f"RSS, {mem.n} yc không bộ đệm", f"{rss_start / 2**20:.0f} → {rss_end / 2**20:.0f} MB (đỉnh +{peak_growth:.1f} %)",
         f"≤ +{TARGETS['rss_growth_pct']:.0f} %", ok(checks["memory"])),
        (f"RSS, {thr.n} yc có bộ đệm", f"{rss_a0 / 2**20:.0f} → {rss_a1 / 2**20:.0f} MB ({growth_a:+.1f} %)",
         f"≤ +{TARGETS['rss_growth_pct']:.0f} %", ""),
        ("Không bộ đệm: p50 / p95", f"{mem_s['p50_ms']:.1f} / {mem_s['p95_ms']:.1f} ms", "(tham khảo)", ""),
        ("Không bộ đệm: thông lượng", f"{mem_s['rps']:.1f} yc/s", "(tham khảo)", ""),
    ]
    w = [max(len(r[i]) for r in rows) for i in range(4)]
    print()
    print(f"{'Chỉ số'.ljust(w[0])} | {'Kết quả'.ljust(w[1])} | {'Mục tiêu'.ljust(w[2])} | Đánh giá")
    print("-+-".join("-" * x for x in w[:3]) + "-+-" + "-" * 9)
    for r in rows:
        print(f"{r[0].ljust(w[0])} | {r[1].ljust(w[1])} | {r[2].ljust(w[2])} | {r[3]}")
    print(f"\nKết quả chi tiết: {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
