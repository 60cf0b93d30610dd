"""The documents admin API behind the admin token: refused without it, bad files refused item by item."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.config import load_settings
from tests.ingest_fixtures import three_plan_corpus

TOKEN = "ma-quan-tri"


def test_token_is_required_and_bad_files_are_refused_one_by_one(tmp_path, docs, settings) -> None:
    corpus, index = three_plan_corpus(tmp_path, docs, Path(settings.index_dir))
    st = load_settings(corpus_dir=corpus, index_dir=index, data_dir=tmp_path / "var", admin_token=TOKEN, max_upload_mb=1)
    with TestClient(create_app(st)) as c:
        files = [("files", ("ke-hoach.doc", b"\xd0\xcf\x11\xe0" * 10, "application/msword"))]
        assert c.post("/api/admin/uploads", files=files).status_code == 401
        assert c.post("/api/admin/uploads", files=files, headers={"X-Admin-Token": "sai"}).status_code == 403
        assert c.delete("/api/admin/documents/kim-dong-2024").status_code == 401
        page = c.get("/admin")
        assert page.status_code == 200 and 'id="admin-token"' in page.text and "upload-files" not in page.text
        ok = {"X-Admin-Token": TOKEN}
        r = c.post("/api/admin/uploads", headers=ok, files=[
            *files, ("files", ("lon.txt", b"x" * (1024 * 1024 + 10), "text/plain")),
        ])
        assert r.status_code == 200
        errors = [item["error"] for item in r.json()]
        assert "chưa hỗ trợ" in errors[0] and "vượt giới hạn" in errors[1]
        assert c.post("/api/admin/uploads/khong-co/confirm", headers=ok, json={}).status_code == 404
        assert c.delete("/api/admin/documents/khong-co", headers=ok).status_code == 404
        assert (corpus / "manifest.toml").read_text().count("\n[[documents]]") == 3  # nothing written
        huge = c.post("/api/admin/uploads", headers={**ok, "Content-Length": str(50 * 1024 * 1024)}, content=b"")
        assert huge.status_code == 413
    off = load_settings(corpus_dir=corpus, index_dir=index, data_dir=tmp_path / "var2")
    with TestClient(create_app(off)) as c:
        assert c.get("/admin").status_code == 403
        assert "chưa cấu hình ASSISTANT_ADMIN_TOKEN" in c.post("/api/admin/uploads", files=files).json()["detail"]


def test_uploads_waiting_for_review_survive_a_restart_and_can_be_discarded(tmp_path, docs, settings) -> None:
    from tests.ingest_fixtures import write_docx

    corpus, index = three_plan_corpus(tmp_path, docs, Path(settings.index_dir))
    st = load_settings(corpus_dir=corpus, index_dir=index, data_dir=tmp_path / "var", admin_token=TOKEN)
    lac_duong = next(d for d in docs if d.district == "Lạc Dương")
    docx = write_docx(lac_duong.text, tmp_path / "lac-duong.docx").read_bytes()
    ok = {"X-Admin-Token": TOKEN}
    with TestClient(create_app(st)) as c:
        assert c.get("/api/admin/uploads").status_code == 401
        first = c.post("/api/admin/uploads", headers=ok, files=[("files", ("lac-duong.docx", docx, "application/octet-stream"))]).json()[0]
        assert first["upload_id"] and {f["name"]: f["value"] for f in first["fields"]}["district"] == "Lạc Dương"
    with TestClient(create_app(st)) as c:  # the service restarted: the upload still waits, fields as read
        waiting = c.get("/api/admin/uploads", headers=ok).json()
        assert [w["upload_id"] for w in waiting] == [first["upload_id"]]
        assert waiting[0]["fields"] == first["fields"] and waiting[0]["chars"] == first["chars"]
        assert c.delete(f"/api/admin/uploads/{first['upload_id']}", headers=ok).json() == {"discarded": first["upload_id"]}
        assert c.get("/api/admin/uploads", headers=ok).json() == []
        assert c.delete(f"/api/admin/uploads/{first['upload_id']}", headers=ok).status_code == 404
    assert [p.name for p in (tmp_path / "var" / "uploads").iterdir()] == []  # its file went with it
