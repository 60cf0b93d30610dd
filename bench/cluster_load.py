"""Load test of the PostgreSQL cluster (deploy/cluster.py) with replicas killed and restarted mid-run.

Starts PostgreSQL + two replicas + nginx on loopback (its own folder and ports), then for ``--seconds`` drives the
balancer with ``--clients`` concurrent clients asking the evaluation questions, while a schedule kills replica 1
(SIGKILL), restarts it, kills replica 2, restarts it. Afterwards:

- every failed request is counted (a request the balancer could not retry would show here);
- the same questions are asked of each replica directly: answers and citations must be identical;
- a plan is removed through replica 1's admin API (re-index there, published to the database) and the time until
  replica 2 no longer lists it is measured.

    python bench/cluster_load.py                  # ≈ 2 min; writes bench/out/cluster_load.json
    python bench/cluster_load.py --seconds 30     # shorter
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import statistics
import sys
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from deploy.cluster import Cluster  # noqa: E402

TOKEN = "bench-cluster-token"


def questions() -> list[str]:
    rows = [json.loads(line) for line in (REPO / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r["question"] for r in rows if r.get("question")]


def drive(url: str, qs: list[str], stop: threading.Event, out: list[dict[str, object]], seed: int) -> None:
    rng = random.Random(seed)
    with httpx.Client(timeout=60) as client:
        while not stop.is_set():
            q = rng.choice(qs)
            t0 = time.perf_counter()
            try:
                r = client.post(url + "/api/ask", json={"question": q})
                ok, status = r.status_code == 200, r.status_code
            except httpx.HTTPError as e:
                ok, status = False, type(e).__name__
            out.append({"t": time.time(), "ok": ok, "status": status, "ms": (time.perf_counter() - t0) * 1000})


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--seconds", type=float, default=80)
    p.add_argument("--clients", type=int, default=6)
    p.add_argument("--dir", type=Path, default=Path("/tmp/assistant-cluster-bench"))
    args = p.parse_args()
    import shutil

    shutil.rmtree(args.dir, ignore_errors=True)
    cluster = Cluster(args.dir, replica_ports=(8211, 8212), port=8210)
    import os

    os.environ["ASSISTANT_ADMIN_TOKEN"] = TOKEN
    os.environ["ASSISTANT_ANSWER_CACHE_SIZE"] = "0"  # every request runs the whole pipeline
    t_start = time.time()
    url = cluster.start()
    print(f"cluster up in {time.time() - t_start:.1f} s at {url}", flush=True)
    qs = questions()
    results: list[dict[str, object]] = []
    events: list[tuple[float, str]] = []
    stop = threading.Event()
    threads = [threading.Thread(target=drive, args=(url, qs, stop, results, i)) for i in range(args.clients)]
    t0 = time.time()
    for t in threads:
        t.start()
    step = args.seconds / 8
    try:
        schedule = [(1, "kill r1", lambda: cluster.kill_replica(0, signal.SIGKILL)),
                    (2, "restart r1", lambda: cluster.start_replica(0)),
                    (4, "kill r2", lambda: cluster.kill_replica(1, signal.SIGKILL)),
                    (5, "restart r2", lambda: cluster.start_replica(1))]
        for k, name, action in schedule:
            time.sleep(max(0.0, t0 + k * step - time.time()))
            action()
            events.append((round(time.time() - t0, 1), name))
            print(f"{events[-1][0]:6.1f} s  {name}", flush=True)
        time.sleep(max(0.0, t0 + args.seconds - time.time()))
    finally:
        stop.set()
        for t in threads:
            t.join()

    # Same answers from both replicas, asked directly.
    sample = random.Random(7).sample(qs, 30)
    r1, r2 = (f"http://127.0.0.1:{port}" for port in cluster.replica_ports)
    differ = []
    for q in sample:
        a = httpx.post(r1 + "/api/ask", json={"question": q}, timeout=60).json()
        b = httpx.post(r2 + "/api/ask", json={"question": q}, timeout=60).json()
        if (a["answer"], a["citations"]) != (b["answer"], b["citations"]):
            differ.append(q)

    # A re-index through replica 1 (a plan removed in its admin API) seen by replica 2.
    docs = [d["id"] for d in httpx.get(r2 + "/api/documents", timeout=10).json()]
    victim = docs[-1]
    t_rm = time.time()
    rm = httpx.delete(r1 + f"/api/admin/documents/{victim}", headers={"X-Admin-Token": TOKEN}, timeout=60)
    seen_after = None
    while time.time() - t_rm < 300:
        if victim not in {d["id"] for d in httpx.get(r2 + "/api/documents", timeout=10).json()}:
            seen_after = round(time.time() - t_rm, 2)
            break
        time.sleep(0.2)
    cluster.stop()

    ok = [r for r in results if r["ok"]]
    failed = [r for r in results if not r["ok"]]
    lat = sorted(float(r["ms"]) for r in ok)  # type: ignore[arg-type]
    report = {
        "seconds": args.seconds, "clients": args.clients, "requests": len(results), "failed": len(failed),
        "failed_statuses": sorted({str(r["status"]) for r in failed}),
        "throughput_rps": round(len(results) / args.seconds, 1),
        "p50_ms": round(statistics.median(lat), 1) if lat else None,
        "p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 1) if lat else None,
        "events": events, "answers_compared": len(sample), "answers_differ": len(differ),
        "reindex_status": rm.status_code, "reindex_seen_on_other_replica_s": seen_after,
    }
    out = REPO / "bench" / "out" / "cluster_load.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0 if not failed and not differ and seen_after is not None else 1


if __name__ == "__main__":
    raise SystemExit(main())
