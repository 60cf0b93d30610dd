"""The CLI as a user runs it: the console script in a subprocess, and main() in-process."""

import json
import os
import subprocess
import sys

import pytest

from assistant.cli import main
from tests.conftest import CORPUS_DIR, REPO_ROOT


@pytest.fixture()
def env(settings, monkeypatch):
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(CORPUS_DIR))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(settings.index_dir))
    return settings


def test_ask_json_shape_in_a_real_process(env):
    cmd = [sys.executable, "-m", "assistant", "ask", "ai chu tri nha o kon ray", "--json"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=REPO_ROOT, env=os.environ.copy())
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    assert set(r) >= {"answer", "refused", "citations", "timings_ms", "backend", "grounded"}
    assert "Phòng Kinh tế - Hạ tầng" in r["answer"]
    c = r["citations"][0]
    assert set(c) == {"n", "doc_id", "district", "breadcrumb", "text", "start", "end", "spans"}
    text = (CORPUS_DIR / "kon-ray_KH-UBND_2024.txt").read_text(encoding="utf-8")
    assert text[c["start"] : c["end"]] == c["text"]
    # The sentence the answer quotes, inside the cited passage, in source offsets.
    assert c["spans"] and all(c["start"] <= s["start"] < s["end"] <= c["end"] for s in c["spans"])
    assert any("Phòng Kinh tế - Hạ tầng" in text[s["start"] : s["end"]] for s in c["spans"])


def test_ask_text_output(env, capsys):
    assert main(["ask", "Kế hoạch của Lạc Dương ban hành ngày nào?"]) == 0
    out = capsys.readouterr().out
    assert "09 tháng 4 năm 2024" in out and "Nguồn:" in out and "Lạc Dương › Phần mở đầu" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ask", "   "], "Câu hỏi trống"),
        (["ask", "x" * 2001], "quá dài"),
        (["ask", "Ai chủ trì nhà ở?", "--district", "Hà Nội"], "Không có huyện 'Hà Nội'"),
        (["ask", "Ai chủ trì nhà ở?", "--top-k", "0"], "ASSISTANT_TOP_K"),
        (["ask", "Ai chủ trì nhà ở?", "--backend", "khong-co"], "khong-co"),
    ],
)
def test_bad_input_exits_nonzero_with_a_clear_message(env, capsys, args, message):
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_document_filter(env, capsys):
    assert main(["ask", "Chỉ tiêu bảo hiểm y tế đến 2030?", "--document", "kim-dong-2024", "--json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["citations"] and {c["doc_id"] for c in r["citations"]} == {"kim-dong-2024"}
    assert main(["ask", "Chỉ tiêu bảo hiểm y tế?", "--document", "khong-co"]) == 2
    assert "Không có văn bản 'khong-co'" in capsys.readouterr().err


def test_invalid_setting_is_named(env, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_TOP_K", "nhiều")
    assert main(["ask", "Ai chủ trì nhà ở?"]) == 2
    assert "ASSISTANT_TOP_K" in capsys.readouterr().err


def test_damaged_index_is_reported_and_index_repairs_it(tmp_path, monkeypatch, capsys):
    import shutil

    index = tmp_path / "index"
    shutil.copytree(REPO_ROOT / "index", index, symlinks=True)
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(index))
    (index / "current" / "manifest.json").write_text("{hỏng", encoding="utf-8")
    assert main(["ask", "Ai chủ trì nhà ở ở Kon Rẫy?"]) == 2
    assert "assistant index --force" in capsys.readouterr().err
    assert main(["index"]) == 0
    assert main(["index", "--check"]) == 0
    assert main(["ask", "Ai chủ trì nhà ở ở Kon Rẫy?"]) == 0


def test_eval_validate_and_thresholds(env, tmp_path, capsys):
    assert main(["eval", "--validate", str(REPO_ROOT / "eval" / "questions.jsonl")]) == 0
    broken = tmp_path / "q.jsonl"
    broken.write_text('{"id": 1}\n', encoding="utf-8")
    assert main(["eval", "--validate", str(broken)]) == 1
    assert "dòng 1" in capsys.readouterr().out


def _assert_one_error_line(argv: list[str], env: dict[str, str], expected: str) -> str:
    """Run the CLI in a process: exit 2 with one "Lỗi:" line holding ``expected``, no traceback; its output."""
    out = subprocess.run([sys.executable, "-m", "assistant", *argv], capture_output=True, text=True, timeout=300,
                         cwd=REPO_ROOT, env=env)
    text = out.stdout + out.stderr
    assert out.returncode == 2, text
    assert "Lỗi:" in text and expected in text and "Traceback" not in text, text
    return text


def test_serve_start_up_faults_are_one_error_line(env, tmp_path):
    """A broken index, a bad port, a non-numeric cache size: one "Lỗi:" line with the fix, no traceback."""
    import shutil

    broken = tmp_path / "index"
    shutil.copytree(env.index_dir / "current", broken / "current", symlinks=False)
    (broken / "current" / "vectors.faiss").write_bytes(b"garbled")
    run_env = {**os.environ, "ASSISTANT_INDEX_DIR": str(broken)}
    cases = [
        (["serve", "--port", "8799"], run_env, "index --force"),
        (["serve", "--port", "99999"], os.environ.copy(), "cổng 99999"),
        (["serve", "--port", "8799"], {**os.environ, "ASSISTANT_ANSWER_CACHE_SIZE": "nhiều"}, "ASSISTANT_ANSWER_CACHE_SIZE"),
    ]
    for argv, e, expected in cases:
        _assert_one_error_line(argv, e, expected)


def test_filesystem_and_input_faults_are_one_error_line(env, tmp_path):
    """An index folder that is a file, output folders that cannot exist, bytes that are not UTF-8: one
    "Lỗi:" line saying which path and what to check, exit 2, no traceback; eval fails before its run."""
    a_file = tmp_path / "tệp"
    a_file.write_text("", encoding="utf-8")
    base = os.environ.copy()
    cases = [
        (["ask", "ai chu tri nha o kon ray"], {**base, "ASSISTANT_INDEX_DIR": "/dev/null"}, "/dev/null"),
        (["serve", "--port", "8799"], {**base, "ASSISTANT_INDEX_DIR": str(a_file)}, "không phải là thư mục"),
        (["export", "targets", "--out", str(tmp_path / "không-có" / "x.csv")], base, "không tồn tại"),
        (["brief", "--district", "Kon Rẫy", "--topic", "y tế", "--out", str(a_file / "x.md")], base, "không phải là thư mục"),
        (["eval", "--no-progress", "--out", str(a_file / "kết-quả")], base, "không phải là thư mục"),
    ]
    for argv, e, expected in cases:
        text = _assert_one_error_line(argv, e, expected)
        assert "Kết quả:" not in text  # nothing was evaluated before the error
    raw = subprocess.run([sys.executable, "-m", "assistant", "ask", b"ai \xff\xfe chu tri nha o".decode("utf-8", "surrogateescape")],
                         capture_output=True, timeout=120, cwd=REPO_ROOT, env=base)
    assert raw.returncode == 2 and "không phải UTF-8" in raw.stderr.decode("utf-8") and b"Traceback" not in raw.stderr
