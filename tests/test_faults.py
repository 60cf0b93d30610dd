"""Fault suite: a real `assistant serve` process on loopback, driven with the faults of issue 13.

Run alone with `make faults` (pytest -m faults); `make test` runs it too. Each test states the fault, what the
user must see, and that the service keeps serving afterwards.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO_ROOT, free_port, post_chunked_past_limit

pytestmark = pytest.mark.faults


@pytest.fixture(scope="module")
def served(settings, tmp_path_factory) -> Iterator[str]:
    """`assistant serve` on the shared index, with its own data folder; yields the base URL."""
    port = free_port()
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(settings.index_dir), "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
           "ASSISTANT_DATA_DIR": str(tmp_path_factory.mktemp("served-var")), "ASSISTANT_REQUEST_BODY_TIMEOUT_S": "3"}
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)], cwd=REPO_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail(f"serve did not start: {proc.stdout.read().decode() if proc.stdout else ''}")
    yield url
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("serve did not stop within 15 s of SIGTERM")


def _still_serving(url: str) -> None:
    r = httpx.post(f"{url}/api/ask", json={"question": "Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?"}, timeout=30)
    assert r.status_code == 200 and "Phòng Kinh tế - Hạ tầng" in r.json()["answer"]


def test_chunked_body_over_the_limit_is_cut_off(served: str) -> None:
    host, port = served.removeprefix("http://").split(":")
    raw = post_chunked_past_limit(host, int(port))
    assert raw.startswith(b"HTTP/1.1 413") and "quá lớn".encode() in raw
    _still_serving(served)


def _trickle(served: str, head: bytes, then: bytes) -> tuple[bytes, float]:
    """Send ``head`` at once, then ``then`` one byte every 0.5 s; the reply and how long until it came."""
    host, port = served.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=20) as conn:
        conn.sendall(head)
        started, raw = time.monotonic(), b""
        conn.settimeout(0.5)
        for byte in then:
            try:
                conn.sendall(bytes([byte]))
                raw += conn.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                break
            if raw:
                break
        return raw, time.monotonic() - started


def test_slow_clients_are_cut_off(served: str) -> None:
    """Headers or a body sent a byte at a time: a 408 once the deadline (3 s here) passes, not a held connection."""
    headers = b"POST /api/ask HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 60\r\n\r\n"
    raw, waited = _trickle(served, b"", headers + b"{" * 60)
    assert raw.startswith(b"HTTP/1.1 408") and waited < 10, raw[:200]
    raw, waited = _trickle(served, headers, b'{"question": "' + b"a" * 44)
    assert raw.startswith(b"HTTP/1.1 408") and waited < 10, raw[:300]
    _still_serving(served)


def test_unreadable_and_unknown_input_get_vietnamese_errors(served: str) -> None:
    bad = httpx.post(f"{served}/api/ask", content=b'{"question": "\xff\xfe"}', headers={"content-type": "application/json"})
    assert bad.status_code == 400 and bad.json()["code"] == "bad_body"
    unknown = httpx.post(f"{served}/api/ask", json={"question": "Ai chủ trì nhà ở?", "backend": "khongco"})
    assert unknown.status_code == 422 and unknown.json()["code"] == "unknown_backend"
    doc = httpx.post(f"{served}/api/ask", json={"question": "Ai chủ trì nhà ở?", "doc_id": "khong-co"})
    assert doc.status_code == 422 and doc.json()["code"] == "unknown_document"
    _still_serving(served)


def test_feedback_flood_is_limited(served: str) -> None:
    codes = [httpx.post(f"{served}/api/feedback", json={"question": f"câu {i}", "answer": "x", "helpful": True}).status_code
             for i in range(30)]
    assert codes[0] == 201 and 429 in codes and set(codes) <= {201, 429}
    _still_serving(served)


def test_long_question_flood_leaves_ordinary_questions_their_throughput(served: str) -> None:
    counter = iter(range(10**6))

    def ordinary_rate(seconds: float) -> float:
        done, end = 0, time.monotonic() + seconds
        with httpx.Client(timeout=60) as c:
            while time.monotonic() < end:
                r = c.post(f"{served}/api/ask", json={"question": f"Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy, lần {next(counter)}?"})
                assert r.status_code == 200
                done += 1
        return done / seconds

    stop = threading.Event()

    def flood() -> None:
        with httpx.Client(timeout=60) as c:
            while not stop.is_set():
                c.post(f"{served}/api/ask", json={"question": f"{next(counter)} " + ("Kon Rẫy 🙂 a\u0301\u0302 nhà ở " * 90)[:1900]})

    alone = ordinary_rate(4.0)
    threads = [threading.Thread(target=flood, daemon=True) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        time.sleep(1.0)
        crowded = ordinary_rate(6.0)
    finally:
        stop.set()
    assert crowded >= alone / 3, (alone, crowded)


def test_healthz_answers_while_answers_are_busy(served: str) -> None:
    stop = threading.Event()

    def busy() -> None:
        with httpx.Client(timeout=60) as c:
            while not stop.is_set():
                c.post(f"{served}/api/ask", json={"question": f"Kon Rẫy chỉ tiêu y tế {time.monotonic()}"})

    threads = [threading.Thread(target=busy, daemon=True) for _ in range(8)]
    for t in threads:
        t.start()
    try:
        time.sleep(0.5)
        r = httpx.get(f"{served}/healthz", timeout=10)
    finally:
        stop.set()
    assert r.status_code == 200 and r.json()["disk"]["ok"] is True and r.json()["index"]["stale_reasons"] == []


def test_serve_answers_from_the_old_index_while_it_rebuilds_and_stops_on_sigterm(settings, tmp_path) -> None:
    """The corpus changed since the last build: `serve` listens at once, answers from the old index, says on
    /healthz that it is stale and rebuilding, switches to the new index when it is built; SIGTERM stops it."""
    import shutil

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(settings.corpus_dir, corpus)
    shutil.copytree(settings.index_dir, index, symlinks=True, ignore=shutil.ignore_patterns(".build.lock"))
    plan = corpus / "kon-ray_KH-UBND_2024.txt"
    plan.write_text(plan.read_text(encoding="utf-8") + "\nPhụ lục: danh mục kèm theo.\n", encoding="utf-8")
    port = free_port()
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(index), "ASSISTANT_CORPUS_DIR": str(corpus),
           "ASSISTANT_DATA_DIR": str(tmp_path / "var")}

    def start() -> subprocess.Popen[bytes]:
        return subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)], cwd=REPO_ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def health() -> httpx.Response | None:
        try:
            return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
        except httpx.HTTPError:
            return None

    from assistant.store import build_lock

    # Another `assistant index` holds the build lock: the background rebuild waits for it, so the test sees
    # the "old index, rebuilding" state for as long as it needs, on any machine.
    other_build = build_lock(index)
    other_build.__enter__()
    proc = start()
    try:
        deadline = time.monotonic() + 60
        while (first := health()) is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert first is not None, "serve did not listen while the index was stale"
        assert first.json()["index"]["stale_reasons"] and first.json()["index"]["rebuilding"] is True
        _still_serving(f"http://127.0.0.1:{port}")  # answers from the old index meanwhile
        # ... and shows the plan's text that old index was built from, so cited offsets still fit what is shown.
        page = httpx.get(f"http://127.0.0.1:{port}/documents/kon-ray-2024", timeout=10)
        assert page.status_code == 200 and "Phụ lục: danh mục kèm theo" not in page.text
        other_build.__exit__(None, None, None)
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            r = health()
            if r is not None and r.status_code == 200:
                break
            time.sleep(0.5)
        assert r is not None and r.status_code == 200 and r.json()["index"]["rebuilding"] is False, r and r.text
        page = httpx.get(f"http://127.0.0.1:{port}/documents/kon-ray-2024", timeout=10)
        assert "Phụ lục: danh mục kèm theo" in page.text  # the new index, the new text
        # Change the corpus again and stop the server in the middle of that rebuild.
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
        plan.write_text(plan.read_text(encoding="utf-8") + "\nPhụ lục 2.\n", encoding="utf-8")
        other_build = build_lock(index)
        other_build.__enter__()
        proc = start()
        deadline = time.monotonic() + 60
        while (again := health()) is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert again is not None and again.json()["index"]["rebuilding"] is True
        stopped = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
        assert time.monotonic() - stopped < 15
    finally:
        other_build.__exit__(None, None, None)
        if proc.poll() is None:
            proc.kill()


# ---------------------------------------------------------------------------------------------- a full disk


@pytest.fixture(params=["300k", "1m"])
def small_disk(request, tmp_path) -> Iterator[Path]:
    """A real small file system (tmpfs), so "disk full" is the kernel's ENOSPC, not a threshold: 300 kB fills while
    the vectors are written (FAISS), 1 MB while the lexical statistics are. Needs the right to mount (root in the CI
    container); elsewhere the threshold test (`ASSISTANT_MIN_FREE_MB`) covers the check."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={request.param}", "tmpfs", str(mnt)], capture_output=True,
                          text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {done.stderr.strip() or done.returncode}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_index_build_on_a_full_disk_says_so_in_one_line(settings, small_disk: Path) -> None:
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(small_disk / "index"), "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
           # The embeddings come from the shared cache: the disk fills while the index files are written.
           "ASSISTANT_CACHE_DIR": str(settings.index_dir / "cache")}
    done = subprocess.run([sys.executable, "-m", "assistant", "index"], cwd=REPO_ROOT, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Lỗi:" in done.stderr and "đĩa đã đầy" in done.stderr and "Traceback" not in done.stderr, done.stderr[-2000:]
    builds = small_disk / "index" / "builds"
    assert not builds.exists() or not any(p.name.startswith(".tmp-") for p in builds.iterdir())  # nothing half-written


def test_feedback_on_a_full_disk_is_refused_and_stored_rows_are_kept(small_disk: Path) -> None:
    from assistant.api.feedback import FeedbackFull, FeedbackStore

    store = FeedbackStore(small_disk / "feedback.sqlite3")
    store.add(question="Ai chủ trì nhà ở ở Kon Rẫy?", answer="Phòng Kinh tế - Hạ tầng [1].", helpful=True)
    with open(small_disk / "filler", "wb") as f:  # the rest of the disk taken by something else
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    with pytest.raises(FeedbackFull, match="đầy"):
        for i in range(200):
            store.add(question=f"câu hỏi {i}", answer="x" * 4000, helpful=False, comment="y" * 4000)
    (small_disk / "filler").unlink()
    assert store.count() >= 1 and store.rows()[0]["question"] == "Ai chủ trì nhà ở ở Kon Rẫy?"
    store.close()
