"""Command line: ``assistant index | ask | eval | serve | ...`` (each subcommand lives in
:mod:`assistant.commands`)."""

from __future__ import annotations

import argparse
import errno
import logging
import os
import sys

from assistant.commands import register_all

# Errors we expect from bad input or configuration: printed as one clear line, exit code 2.
EXPECTED_ERRORS: tuple[type[BaseException], ...] = ()


def _expected_errors() -> tuple[type[BaseException], ...]:
    from assistant.config import ConfigError
    from assistant.corpus import CorpusError
    from assistant.embeddings import EmbeddingError
    from assistant.generation.backends import BackendError
    from assistant.ingest.formats import IngestError
    from assistant.pgstore import StoreError
    from assistant.pipeline import QuestionError
    from assistant.retrieval import UnknownDistrictError
    from assistant.store import IndexUnavailable

    return (ConfigError, CorpusError, EmbeddingError, BackendError, QuestionError, UnknownDistrictError, IndexUnavailable,
            IngestError, StoreError)


_OS_REASONS = {
    errno.ENOENT: "không tồn tại", errno.EACCES: "không có quyền", errno.EPERM: "không có quyền",
    errno.ENOTDIR: "không phải là thư mục", errno.EISDIR: "là một thư mục", errno.ENOSPC: "đĩa đã đầy",
    errno.EROFS: "hệ thống tệp chỉ đọc", errno.EDQUOT: "vượt hạn mức đĩa",
}


def describe_os_error(e: OSError) -> str:
    """One Vietnamese line for a filesystem error: what failed, on which path, and what to check."""
    reason = _OS_REASONS.get(e.errno or 0, e.strerror or str(e))
    path = f" {e.filename}" if e.filename else ""
    return f"không dùng được{path}: {reason}. Kiểm tra đường dẫn (ASSISTANT_INDEX_DIR, --out), quyền ghi và chỗ trống trên đĩa."


def _broken_pipe() -> int:
    # The reader stopped early (`assistant ask … | head`): not an error; silence the flush at exit.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="Trợ lý hỏi đáp có trích dẫn cho các kế hoạch thực hiện Nghị quyết 42-NQ/TW.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="ghi nhật ký chi tiết")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    sub.required = True
    register_all(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``assistant`` console script."""
    # Models load from local files only: no hub traffic on an offline machine.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("bm25s").setLevel(logging.DEBUG if args.verbose else logging.WARNING)
    try:
        return int(args.func(args) or 0)
    except _expected_errors() as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130
    except OSError as e:
        if isinstance(e, BrokenPipeError):
            return _broken_pipe()
        # A folder that cannot be written or read (read-only, missing, full disk, /dev/null as a folder).
        if args.verbose:
            logging.exception("lỗi hệ thống tệp")
        print(f"Lỗi: {describe_os_error(e)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
