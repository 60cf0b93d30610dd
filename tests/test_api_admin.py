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
