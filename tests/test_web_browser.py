"""End to end in a real headless Chromium (Debian ``chromium`` + ``chromium-driver``) against the real
service (uvicorn on a free loopback port): ask, stream, cite, open the passage and the full document;
a document containing ``<script>`` is shown as text and never runs. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.api.app import plain_text

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() or not CHROMEDRIVER.exists(),
        reason="cần Debian chromium và chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver): "
        "apt-get install chromium chromium-driver",
    ),
]

QUESTION = "Ai chủ trì nhiệm vụ nhà ở ở Kon Rẫy?"
EXPECTED = "Phòng Kinh tế - Hạ tầng"
WAIT_S = 30

XSS_SCRIPT = "<script>window.__pwned=1</script>"
XSS_IMG = '<img src=x onerror="window.__pwned=2">'
XSS_DOC = f"""KẾ HOẠCH
Thực hiện Nghị quyết số 42-NQ/TW ngày 24/11/2023 trên địa bàn huyện Thử Nghiệm

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích: Kiểm tra việc hiển thị văn bản có mã độc trên trang hỏi đáp.

II. NHIỆM VỤ, GIẢI PHÁP
1. Về an toàn thông tin: Phòng Kiểm thử An toàn chủ trì việc rà soát mã độc {XSS_SCRIPT} trên cổng thông tin điện tử của huyện.
2. Về hình ảnh: Trung tâm Dữ liệu chủ trì việc kiểm tra ảnh {XSS_IMG} đăng trên trang tin của huyện.
"""

XSS_MANIFEST = """[[documents]]
id = "thu-nghiem-2024"
file = "thu-nghiem.txt"
district = "Thử Nghiệm"
province = "Tỉnh Mẫu"
issuing_body = "Ủy ban nhân dân huyện Thử Nghiệm"
number = "01/KH-UBND"
date = "2024-05-01"
year = 2024
title = "Kế hoạch thử nghiệm <b>an toàn</b> hiển thị"
status = "final"
"""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """The real app under uvicorn in a background thread, on 127.0.0.1:<free port>."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.app = app
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False)
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 120  # the XSS app builds a tiny index at start-up
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def live(settings, assistant) -> Iterator[LiveServer]:
    from assistant.api.app import create_app

    server = LiveServer(create_app(settings, assistant=assistant)).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def xss_live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A second instance over a one-document corpus whose text and title contain HTML/script."""
    from assistant.api.app import create_app
    from assistant.config import load_settings

    root = tmp_path_factory.mktemp("xss")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "manifest.toml").write_text(XSS_MANIFEST, encoding="utf-8")
    (corpus / "thu-nghiem.txt").write_text(XSS_DOC, encoding="utf-8")
    st = load_settings(corpus_dir=corpus, index_dir=root / "index", data_dir=root / "var", backend="extractive")
    server = LiveServer(create_app(st)).start()  # the Assistant and its index are built in the lifespan
    yield server
    server.stop()


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1280,900", "--lang=vi-VN",
    ):
        opts.add_argument(arg)
    profile = tempfile.TemporaryDirectory(prefix="chromium-profile-")
    opts.add_argument(f"--user-data-dir={profile.name}")
    drv = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    drv.set_page_load_timeout(WAIT_S)
    try:
        yield drv
    finally:
        drv.quit()
        profile.cleanup()


# ------------------------------------------------------------------------------------------ helpers


def _wait(driver: Any, cond: Callable[[Any], Any], what: str, timeout: float = WAIT_S) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(cond, message=f"timed out waiting for {what}")


def _viewport(driver: Any, width: int, height: int, mobile: bool = False) -> None:
    """Exact CSS viewport size (window size in headless mode includes no chrome, but be explicit)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


def _fresh(driver: Any, base: str) -> None:
    """Open the chat page with no conversation kept from an earlier test (the page restores it from storage)."""
    driver.get(base + "/")
    driver.execute_script("localStorage.clear()")
    driver.get(base + "/")


def _ask(driver: Any, question: str | None) -> Any:
    """Type a question (None: keep what the box holds), press Enter, wait for the final answer; return its <li>."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    before = len(driver.find_elements(By.CSS_SELECTOR, "#conversation .msg-assistant"))
    box = driver.find_element(By.ID, "question")
    if question is not None:
        box.clear()
        box.send_keys(question)
    box.send_keys(Keys.ENTER)

    def done(d: Any) -> Any:
        items = d.find_elements(By.CSS_SELECTOR, "#conversation .msg-assistant")
        if len(items) <= before:
            return False
        last = items[-1]
        busy = last.find_elements(By.CSS_SELECTOR, ".answer.streaming")
        failed = last.find_elements(By.CSS_SELECTOR, ".error-box")
        return last if (not busy or failed) else False

    return _wait(driver, done, "the answer")


def _no_horizontal_scroll(driver: Any) -> None:
    width = driver.execute_script("return document.documentElement.scrollWidth")
    inner = driver.execute_script("return window.innerWidth")
    assert width <= inner, f"page is wider ({width}px) than the viewport ({inner}px)"


def _in_viewport(driver: Any, element: Any) -> bool:
    return bool(driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.height > 0 && r.top < window.innerHeight && r.bottom > 0;", element))


# ------------------------------------------------------------------------------------------ tests


def test_chat_answer_citation_panel_and_document(live: LiveServer, driver: Any, docs, artifacts_dir: Path) -> None:
    from selenium.webdriver.common.by import By

    _viewport(driver, 1280, 900)
    _fresh(driver, live.url)
    assert driver.title.startswith("Hỏi đáp")
    options = [o.text for o in driver.find_elements(By.CSS_SELECTOR, "#district option")]
    assert options == ["Tất cả", "Kim Động", "Kon Rẫy", "Phụng Hiệp", "Lạc Dương"]
    assert driver.find_elements(By.CSS_SELECTOR, ".example"), "example questions are shown"
    # Nothing is loaded from another origin (no CDN, no web fonts).
    external = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin))")
    assert external == []

    item = _ask(driver, QUESTION)
    answer = item.find_element(By.CSS_SELECTOR, ".answer")
    assert EXPECTED in answer.text
    assert not item.find_elements(By.CSS_SELECTOR, ".error-box")
    used = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert any(u.endswith("/api/ask/stream") for u in used), "the page asks through the SSE endpoint"

    # [1] in the answer is a link; clicking it opens the passage panel.
    cite = answer.find_element(By.LINK_TEXT, "[1]")
    cite.click()
    panel = _wait(driver, lambda d: d.find_element(By.ID, "passage-panel").is_displayed()
                  and d.find_element(By.ID, "passage-panel"), "the passage panel")
    assert panel.find_element(By.ID, "panel-district").text == "Kon Rẫy"
    assert "Kế hoạch" in panel.find_element(By.ID, "panel-plan").text
    assert "Về nhà ở" in panel.find_element(By.ID, "panel-breadcrumb").text
    mark = panel.find_element(By.CSS_SELECTOR, "mark#panel-passage")
    assert EXPECTED in mark.text
    bg = driver.execute_script("return getComputedStyle(arguments[0]).backgroundColor", mark)
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent"), "the passage is visibly highlighted"
    # The sentence the answer used is highlighted strongly inside the passage, and scrolled into view.
    sentence = _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#panel-passage .cited-sentence")
                     and d.find_element(By.CSS_SELECTOR, "#panel-passage .cited-sentence"), "the answering sentence")
    assert EXPECTED in sentence.text and len(sentence.text) < len(mark.text)
    strong_bg = driver.execute_script("return getComputedStyle(arguments[0]).backgroundColor", sentence)
    assert strong_bg != bg, "the sentence stands out from its passage"
    # Context either side comes from the excerpt API.
    _wait(driver, lambda d: d.find_element(By.ID, "panel-before").text.strip() != "", "context before the passage")
    assert _in_viewport(driver, mark)
    shown = panel.find_element(By.ID, "panel-text").text
    assert "*" not in shown and "Thực hiện: Phòng Kinh tế" in shown, "markdown markers are not shown"
    driver.save_screenshot(str(artifacts_dir / "chat_desktop_1280x900.png"))

    # Keyboard: Escape closes the panel and gives focus back to the [1] link.
    from selenium.webdriver.common.keys import Keys

    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    _wait(driver, lambda d: not d.find_element(By.ID, "passage-panel").is_displayed(), "panel closed")
    assert driver.switch_to.active_element.text == "[1]"
    cite.click()
    _wait(driver, lambda d: d.find_element(By.ID, "passage-panel").is_displayed(), "panel re-opened")

    # The full-document link shows the whole plan with the cited span in <mark>, scrolled into view.
    link = driver.find_element(By.ID, "panel-doc-link")
    href = link.get_attribute("href")
    params = urllib.parse.parse_qs(urllib.parse.urlparse(href).query)
    start, end = int(params["start"][0]), int(params["end"][0])
    link.click()
    cited = _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "mark#cited") and d.find_element(By.ID, "cited"),
                  "the document page")
    kon_ray = next(d for d in docs if d.district == "Kon Rẫy")
    assert urllib.parse.urlparse(href).path == f"/documents/{kon_ray.id}"
    assert cited.text.split() == plain_text(kon_ray.text[start:end]).split()  # markdown markers not shown
    assert EXPECTED in cited.text
    strong = cited.find_element(By.CSS_SELECTOR, "strong.cited-sentence")
    assert EXPECTED in strong.text and len(strong.text) < len(cited.text)
    _wait(driver, lambda d: _in_viewport(d, strong), "the answering sentence scrolled into view", timeout=5)
    whole = driver.find_element(By.CSS_SELECTOR, ".doc-text").text
    assert len(whole.split()) > 0.9 * len(kon_ray.text.split()), "the whole plan is on the page"
    driver.save_screenshot(str(artifacts_dir / "document_desktop_1280x900.png"))


def test_follow_up_copy_feedback_and_keyboard(live: LiveServer, driver: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _viewport(driver, 1280, 900)
    _fresh(driver, live.url)
    box = driver.find_element(By.ID, "question")
    assert driver.switch_to.active_element == box, "the question box has focus on load"
    # Shift+Enter is a new line, not a send.
    box.send_keys("dòng một")
    box.send_keys(Keys.SHIFT, Keys.ENTER)
    box.send_keys("dòng hai")
    assert box.get_attribute("value") == "dòng một\ndòng hai"
    assert not driver.find_elements(By.CSS_SELECTOR, "#conversation .msg")

    first = _ask(driver, QUESTION)
    assert EXPECTED in first.find_element(By.CSS_SELECTOR, ".answer").text
    # A follow-up only makes sense with the previous turn (the page sends `history`).
    second = _ask(driver, "Còn ở Kim Động thì sao?")
    crumbs = [e.text for e in second.find_elements(By.CSS_SELECTOR, ".source-crumb")]
    assert crumbs and all(c.startswith("Kim Động") for c in crumbs), crumbs
    assert "nhà ở" in " ".join(crumbs).lower()

    # Sao chép (clipboard may be denied headless: either outcome shows a Vietnamese status).
    second.find_element(By.XPATH, ".//button[normalize-space()='Sao chép']").click()
    status = second.find_element(By.CSS_SELECTOR, ".action-status")
    _wait(driver, lambda d: "sao chép" in status.text.lower(), "copy status")

    # 👍 posts feedback; the store on the server gets the row.
    store = live.app.state.feedback
    n0 = store.count()
    second.find_element(By.CSS_SELECTOR, "button.fb-up").click()
    _wait(driver, lambda d: "Cảm ơn" in status.text, "feedback confirmation")
    assert store.count() == n0 + 1
    row = store.rows()[-1]
    assert row["helpful"] == 1 and row["question"] == "Còn ở Kim Động thì sao?"

    # 👎 asks for a comment, then posts it.
    first.find_element(By.CSS_SELECTOR, "button.fb-down").click()
    comment = first.find_element(By.CSS_SELECTOR, ".fb-comment textarea")
    assert driver.switch_to.active_element == comment
    comment.send_keys("Thiếu phần phối hợp")
    first.find_element(By.XPATH, ".//button[normalize-space()='Gửi phản hồi']").click()
    _wait(driver, lambda d: "Cảm ơn" in first.find_element(By.CSS_SELECTOR, ".action-status").text, "feedback 2")
    assert store.rows()[-1]["comment"] == "Thiếu phần phối hợp" and store.rows()[-1]["helpful"] == 0

    # An example question is sent with one click.
    example = driver.find_element(By.CSS_SELECTOR, "#new-chat")
    example.click()
    ex = driver.find_element(By.CSS_SELECTOR, ".example")
    text = ex.text
    ex.click()
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#conversation .msg-user"), "example sent")
    assert driver.find_element(By.CSS_SELECTOR, "#conversation .msg-user .bubble").text == text


def test_errors_are_shown_in_vietnamese(live: LiveServer, driver: Any, settings) -> None:
    from selenium.webdriver.common.by import By

    _viewport(driver, 1280, 900)
    _fresh(driver, live.url)
    # A question over the limit is not sent: a visible Vietnamese note says why, the text stays in the box.
    from selenium.webdriver.common.keys import Keys

    long_q = "Ai chủ trì nhiệm vụ nhà ở? " * (settings.max_question_chars // 20)
    driver.execute_script("document.getElementById('question').value = arguments[0]", long_q)
    driver.find_element(By.ID, "question").send_keys(Keys.ENTER)
    note = _wait(driver, lambda d: d.find_element(By.ID, "composer-note").is_displayed()
                 and d.find_element(By.ID, "composer-note"), "the over-limit note")
    assert "quá giới hạn" in note.text and str(settings.max_question_chars) in note.text
    assert _in_viewport(driver, note)
    assert not driver.find_elements(By.CSS_SELECTOR, "#conversation .msg"), "nothing was sent"
    assert len(driver.find_element(By.ID, "question").get_attribute("value")) > settings.max_question_chars


def test_server_down_message(settings, assistant, driver: Any) -> None:
    from selenium.webdriver.common.by import By

    from assistant.api.app import create_app

    server = LiveServer(create_app(settings, assistant=assistant)).start()
    try:
        _fresh(driver, server.url)
        _wait(driver, lambda d: d.find_element(By.ID, "question"), "chat page")
    finally:
        server.stop()
    item = _ask(driver, QUESTION)
    err = item.find_element(By.CSS_SELECTOR, ".error-box")
    assert "Không kết nối được với máy chủ" in err.text


def test_phone_width(live: LiveServer, driver: Any, artifacts_dir: Path) -> None:
    from selenium.webdriver.common.by import By

    _viewport(driver, 390, 844, mobile=True)
    try:
        _fresh(driver, live.url)
        _no_horizontal_scroll(driver)
        item = _ask(driver, QUESTION)
        assert EXPECTED in item.find_element(By.CSS_SELECTOR, ".answer").text
        _no_horizontal_scroll(driver)
        send = driver.find_element(By.ID, "send")
        assert send.is_displayed() and send.size["width"] >= 44, "a thumb-sized send button"
        driver.save_screenshot(str(artifacts_dir / "chat_phone_390x844.png"))
        item.find_element(By.LINK_TEXT, "[1]").click()
        mark = _wait(driver, lambda d: d.find_element(By.ID, "passage-panel").is_displayed()
                     and d.find_element(By.ID, "panel-passage"), "the passage sheet")
        _wait(driver, lambda d: d.find_element(By.ID, "panel-before").text.strip() != "", "context")
        assert _in_viewport(driver, mark)
        driver.save_screenshot(str(artifacts_dir / "chat_phone_passage_390x844.png"))
        driver.find_element(By.ID, "panel-doc-link").click()
        cited = _wait(driver, lambda d: d.find_elements(By.ID, "cited") and d.find_element(By.ID, "cited"), "document")
        _wait(driver, lambda d: _in_viewport(d, cited), "cited span in view", timeout=5)
        _no_horizontal_scroll(driver)
        driver.save_screenshot(str(artifacts_dir / "document_phone_390x844.png"))
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_script_in_a_document_is_shown_as_text(xss_live: LiveServer, driver: Any, artifacts_dir: Path) -> None:
    from selenium.webdriver.common.by import By

    _viewport(driver, 1280, 900)
    _fresh(driver, xss_live.url)
    item = _ask(driver, "Ai chủ trì việc rà soát mã độc trên cổng thông tin ở Thử Nghiệm?")
    answer = item.find_element(By.CSS_SELECTOR, ".answer")
    assert "Phòng Kiểm thử An toàn" in answer.text
    item.find_element(By.LINK_TEXT, "[1]").click()
    passage = _wait(driver, lambda d: d.find_element(By.ID, "passage-panel").is_displayed()
                    and d.find_element(By.ID, "panel-passage"), "passage panel")
    _wait(driver, lambda d: XSS_IMG in d.find_element(By.ID, "panel-text").text, "the <img> text in the panel")
    panel_text = driver.find_element(By.ID, "panel-text").text
    assert XSS_SCRIPT in panel_text and XSS_IMG in panel_text, "markup is shown literally"
    assert XSS_SCRIPT in passage.text
    assert "<b>an toàn</b>" in driver.find_element(By.ID, "panel-plan").text
    assert not driver.find_elements(By.CSS_SELECTOR, "#conversation script, #conversation img:not(.fb img), "
                                                       "#passage-panel script, #passage-panel img, #passage-panel b")
    driver.save_screenshot(str(artifacts_dir / "xss_chat_desktop.png"))
    assert driver.execute_script("return typeof window.__pwned") == "undefined"

    driver.find_element(By.ID, "panel-doc-link").click()
    _wait(driver, lambda d: d.find_elements(By.ID, "cited"), "document page")
    doc_text = driver.find_element(By.CSS_SELECTOR, ".doc-text").text
    assert XSS_SCRIPT in doc_text and XSS_IMG in doc_text
    assert "<b>an toàn</b>" in driver.find_element(By.TAG_NAME, "h1").text
    assert not driver.find_elements(By.CSS_SELECTOR, ".doc-text script, .doc-text img, h1 b")
    time.sleep(0.3)  # give an <img onerror> a chance to fire, were it an element
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    driver.save_screenshot(str(artifacts_dir / "xss_document_desktop.png"))


@pytest.fixture()
def llm_down_server(settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., LiveServer]]:
    """Live servers whose default backend is an OpenAI-compatible server that is down or unconfigured."""
    from assistant.api.app import create_app
    from assistant.pipeline import Assistant

    for var in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "ASSISTANT_OPENAI_BASE_URL", "ASSISTANT_OPENAI_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    servers: list[LiveServer] = []

    def start(**overrides: Any) -> LiveServer:
        st = settings.model_copy(update={"backend": "openai", "llm_timeout_s": 5.0, **overrides})
        server = LiveServer(create_app(st, assistant=Assistant.from_settings(st))).start()
        servers.append(server)
        return server

    yield start
    for s in servers:
        s.stop()


def test_llm_backend_down_gives_the_extractive_answer_with_a_note(
    llm_down_server: Callable[..., LiveServer], driver: Any, artifacts_dir: Path
) -> None:
    from selenium.webdriver.common.by import By

    _viewport(driver, 1280, 900)
    # Fallback on (default): the pipeline answers extractively and says why in fallback_reason.
    down = llm_down_server(openai_base_url=f"http://127.0.0.1:{_free_port()}/v1", llm_fallback=True)
    _fresh(driver, down.url)
    item = _ask(driver, QUESTION)
    assert EXPECTED in item.find_element(By.CSS_SELECTOR, ".answer").text
    note = item.find_element(By.CSS_SELECTOR, ".fallback-note")
    assert note.is_displayed() and note.text.startswith("Lưu ý:") and "không kết nối được" in note.text
    driver.save_screenshot(str(artifacts_dir / "chat_llm_down_note.png"))

    # Fallback off and the backend cannot be created: the server says 503; the page asks again with the
    # extractive backend and shows both the message and the cited answer.
    broken = llm_down_server(openai_base_url=None, llm_fallback=False)
    _fresh(driver, broken.url)
    item = _ask(driver, QUESTION)
    warn = item.find_element(By.CSS_SELECTOR, ".notice-warn")
    assert "Không dùng được bộ sinh câu trả lời" in warn.text and "trích xuất" in warn.text
    assert EXPECTED in item.find_element(By.CSS_SELECTOR, ".answer").text
    assert item.find_elements(By.LINK_TEXT, "[1]")


def test_timeout_message(settings, assistant, driver: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A server that sends nothing for longer than the page's timeout: a clear Vietnamese message."""
    from selenium.webdriver.common.by import By

    from assistant.api.app import create_app

    def stuck(*args: Any, **kwargs: Any) -> Iterator[dict[str, Any]]:
        time.sleep(4)  # a model that hangs (bounded, so the server thread ends)
        yield from ()

    monkeypatch.setattr(assistant, "ask_stream", stuck)
    server = LiveServer(create_app(settings, assistant=assistant, answer_cache_size=0)).start()
    server.app.state.client_timeout_s = 1.5
    try:
        _viewport(driver, 1280, 900)
        _fresh(driver, server.url)
        item = _ask(driver, QUESTION)
        err = item.find_element(By.CSS_SELECTOR, ".error-box")
        assert "hết thời gian chờ" in err.text and "2 giây" in err.text
    finally:
        server.stop()


# ------------------------------------------------------------------------- the page as used every day

SHOTS = "daily"  # tests/artifacts/daily/: the main states, desktop and phone, for a reviewer


def _shot(driver: Any, artifacts_dir: Path, name: str) -> None:
    folder = artifacts_dir / SHOTS
    folder.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(folder / f"{name}.png"))


def _above_composer(driver: Any, element: Any) -> bool:
    """The element is fully on screen and not under the sticky question box."""
    return bool(driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "const f = document.getElementById('ask-form').getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= f.top + 1;", element))


@pytest.mark.parametrize("size", [(1366, 800, False), (390, 844, True)], ids=["desktop", "phone"])
def test_last_answer_sources_and_buttons_are_visible(live: LiveServer, driver: Any, artifacts_dir: Path, size) -> None:
    from selenium.webdriver.common.by import By

    width, height, mobile = size
    _viewport(driver, width, height, mobile)
    _fresh(driver, live.url)
    box = driver.find_element(By.ID, "question")
    assert box.rect["y"] + box.rect["height"] <= height, "the question box is on the first screen"
    for q in (QUESTION, "Kế hoạch của Kim Động số mấy, ban hành ngày nào, ai ký?"):
        item = _ask(driver, q)
    actions = _wait(driver, lambda d: item.find_elements(By.CSS_SELECTOR, ".actions") and
                    item.find_element(By.CSS_SELECTOR, ".actions"), "the answer's buttons")
    _wait(driver, lambda d: _above_composer(d, actions), "the buttons above the question box", timeout=5)
    assert _above_composer(driver, item.find_element(By.CSS_SELECTOR, ".sources"))
    # The click lands on 👍 itself, not on the form.
    up = actions.find_element(By.CSS_SELECTOR, "button.fb")
    up.click()
    _wait(driver, lambda d: "Cảm ơn" in item.text or "Đã ghi nhận" in item.text, "feedback recorded")
    _shot(driver, artifacts_dir, f"answer_with_sources_{'phone' if mobile else 'desktop'}")


def test_enter_while_answering_keeps_the_question_and_stop_ends_the_stream(
    settings, assistant, driver: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from assistant.api.app import create_app

    closed = threading.Event()

    def slow(*args: Any, **kwargs: Any) -> Iterator[dict[str, Any]]:
        try:
            for i in range(40):  # a slow model: 20 s of tokens unless stopped
                time.sleep(0.5)
                yield {"type": "token", "text": f"phần {i} "}
        finally:
            closed.set()  # the server stopped pulling tokens

    monkeypatch.setattr(assistant, "ask_stream", slow)
    server = LiveServer(create_app(settings, assistant=assistant, answer_cache_size=0)).start()
    try:
        _viewport(driver, 1280, 900)
        _fresh(driver, server.url)
        box = driver.find_element(By.ID, "question")
        box.send_keys(QUESTION, Keys.ENTER)
        _wait(driver, lambda d: "phần 1" in d.find_element(By.CSS_SELECTOR, ".msg-assistant .answer").text, "tokens")
        box.send_keys("Câu hỏi thứ hai", Keys.ENTER)
        note = driver.find_element(By.ID, "composer-note")
        assert note.is_displayed() and "Đang trả lời câu trước" in note.text
        assert box.get_attribute("value") == "Câu hỏi thứ hai", "the second question is kept, not lost"
        assert len(driver.find_elements(By.CSS_SELECTOR, "#conversation .msg-user")) == 1
        stop = driver.find_element(By.ID, "stop")
        assert stop.is_displayed()
        stop.click()
        err = _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".error-box") and
                    d.find_element(By.CSS_SELECTOR, ".error-box"), "the stopped message")
        assert "Đã dừng" in err.text
        assert closed.wait(5), "the server stopped working on the answer"
        assert not driver.find_element(By.ID, "stop").is_displayed()
    finally:
        server.stop()


def test_conversations_are_kept_reopened_and_deleted(live: LiveServer, driver: Any, artifacts_dir: Path) -> None:
    from selenium.webdriver.common.by import By

    _viewport(driver, 1280, 900)
    _fresh(driver, live.url)
    _ask(driver, QUESTION)
    driver.refresh()
    answers = _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#conversation .msg-assistant .answer"),
                    "the restored conversation")
    assert EXPECTED in answers[0].text and driver.find_elements(By.LINK_TEXT, "[1]")
    # Edit and resend: the question goes back into the box.
    driver.find_element(By.CSS_SELECTOR, ".msg-user .edit-question").click()
    assert driver.find_element(By.ID, "question").get_attribute("value") == QUESTION
    # A new conversation empties the page and the box; the old one is in the list.
    driver.find_element(By.ID, "new-chat").click()
    assert not driver.find_elements(By.CSS_SELECTOR, "#conversation .msg")
    assert driver.find_element(By.ID, "question").get_attribute("value") == ""
    past = driver.find_element(By.ID, "past")
    past.find_element(By.TAG_NAME, "summary").click()
    items = past.find_elements(By.CSS_SELECTOR, ".past-item")
    assert len(items) == 1 and QUESTION in items[0].text
    _shot(driver, artifacts_dir, "past_conversations_desktop")
    items[0].find_element(By.CSS_SELECTOR, ".past-open").click()
    _wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#conversation .msg-assistant")) == 1, "reopened")
    driver.find_element(By.CSS_SELECTOR, ".past-item .past-delete").click()
    assert not driver.find_elements(By.CSS_SELECTOR, ".past-item") and not driver.find_element(By.ID, "past").is_displayed()


def test_refusal_under_a_district_filter_offers_all_plans(live: LiveServer, driver: Any, artifacts_dir: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _viewport(driver, 1280, 900)
    _fresh(driver, live.url)
    Select(driver.find_element(By.ID, "district")).select_by_visible_text("Lạc Dương")
    item = _ask(driver, QUESTION)
    assert "bộ lọc đang chọn huyện Lạc Dương" in item.find_element(By.CSS_SELECTOR, ".answer").text
    note = item.find_element(By.CSS_SELECTOR, ".filter-note")
    assert "Kon Rẫy" in note.text
    _shot(driver, artifacts_dir, "refusal_under_filter_desktop")
    note.find_element(By.TAG_NAME, "button").click()
    again = _wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".msg-assistant")) == 2 and
                  d.find_elements(By.CSS_SELECTOR, ".msg-assistant")[-1], "the answer over all plans")
    _wait(driver, lambda d: EXPECTED in again.text, "the Kon Rẫy answer")
    assert driver.find_element(By.ID, "district").get_attribute("value") == ""


def test_citation_hover_comparison_downloads_and_offline_api_docs(
    live: LiveServer, driver: Any, artifacts_dir: Path
) -> None:
    import urllib.request

    from selenium.webdriver.common.by import By

    _viewport(driver, 1280, 900)
    _fresh(driver, live.url)
    item = _ask(driver, QUESTION)
    title = item.find_element(By.LINK_TEXT, "[1]").get_attribute("title")
    assert "Về nhà ở" in title and EXPECTED in title, "hovering [1] previews the section and the sentence"
    # The comparison page is in the menu, marked current, and offers CSV and Excel.
    driver.find_element(By.LINK_TEXT, "So sánh chỉ tiêu").click()
    current = driver.find_element(By.CSS_SELECTOR, ".site-nav a[aria-current='page']")
    assert current.text == "So sánh chỉ tiêu"
    driver.find_element(By.ID, "indicator").send_keys("bảo hiểm y tế")
    driver.find_element(By.CSS_SELECTOR, ".trainers-controls button").click()
    xlsx = _wait(driver, lambda d: d.find_elements(By.ID, "dl-xlsx") and d.find_element(By.ID, "dl-xlsx"), "downloads")
    _shot(driver, artifacts_dir, "comparison_downloads_desktop")
    with urllib.request.urlopen(xlsx.get_attribute("href"), timeout=10) as r:
        assert r.headers["content-type"].startswith("application/vnd.openxmlformats") and r.read(2) == b"PK"
    with urllib.request.urlopen(driver.find_element(By.ID, "dl-csv").get_attribute("href"), timeout=10) as r:
        assert "Tỷ lệ dân số tham gia bảo hiểm y tế" in r.read().decode("utf-8-sig")
    # /docs renders the API from files served by this server: nothing from another origin.
    driver.get(live.url + "/docs")
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".opblock"), "the Swagger UI operations")
    external = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin))")
    assert external == []
    driver.get(live.url + "/redoc")
    _wait(driver, lambda d: "/api/ask" in d.find_element(By.TAG_NAME, "body").text, "ReDoc")


def test_document_view_contents_and_find(live: LiveServer, driver: Any, docs, artifacts_dir: Path) -> None:
    from selenium.webdriver.common.by import By

    kon_ray = next(d for d in docs if d.district == "Kon Rẫy")
    _viewport(driver, 1280, 900)
    driver.get(f"{live.url}/documents/{kon_ray.id}")
    page = driver.find_element(By.TAG_NAME, "body").text
    assert "**" not in page and "Số /KH" not in page and "ngày ngày" not in page.lower()
    assert "(chưa ghi)" in page
    toc = driver.find_elements(By.CSS_SELECTOR, ".toc-list a")
    assert len(toc) >= 10 and toc[0].text.startswith("I.")
    target = next(a for a in toc if a.text.startswith("IV."))
    target.click()
    anchor = driver.find_element(By.ID, target.get_attribute("href").split("#")[1])
    _wait(driver, lambda d: _in_viewport(d, anchor), "the section IV heading in view", timeout=5)
    box = driver.find_element(By.ID, "find-q")
    box.send_keys("nha o xa hoi")  # typed without diacritics
    driver.find_element(By.ID, "find-next").click()
    status = driver.find_element(By.ID, "find-status").text
    assert status.startswith("Kết quả 1/"), status
    _shot(driver, artifacts_dir, "document_contents_find_desktop")


def test_without_javascript_the_server_answers(live: LiveServer) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run"):
        opts.add_argument(arg)
    opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    profile = tempfile.TemporaryDirectory(prefix="chromium-nojs-")
    opts.add_argument(f"--user-data-dir={profile.name}")
    drv = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    try:
        drv.get(live.url + "/")
        assert "JavaScript đang tắt" in drv.find_element(By.TAG_NAME, "body").text
        drv.find_element(By.ID, "question").send_keys(QUESTION)
        drv.find_element(By.ID, "send").click()
        _wait(drv, lambda d: d.find_elements(By.CSS_SELECTOR, ".msg-assistant .answer"), "the server-side answer")
        assert EXPECTED in drv.find_element(By.CSS_SELECTOR, ".msg-assistant .answer").text
        assert drv.find_elements(By.CSS_SELECTOR, ".msg-assistant a.cite")
    finally:
        drv.quit()
        profile.cleanup()


@pytest.mark.parametrize("size", [(1366, 800, False), (390, 844, True)], ids=["desktop", "phone"])
def test_main_states_screenshots(live: LiveServer, driver: Any, docs, artifacts_dir: Path, size) -> None:
    """Citation panel (with room for the passage), document with contents, comparison, filter refusal."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    width, height, mobile = size
    kind = "phone" if mobile else "desktop"
    _viewport(driver, width, height, mobile)
    _fresh(driver, live.url)
    item = _ask(driver, QUESTION)
    item.find_element(By.LINK_TEXT, "[1]").click()
    panel = _wait(driver, lambda d: d.find_element(By.ID, "passage-panel").is_displayed()
                  and d.find_element(By.ID, "passage-panel"), "the passage panel")
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#panel-passage .cited-sentence"), "the sentence")
    text_box = panel.find_element(By.ID, "panel-text")
    assert text_box.rect["height"] >= 250, f"the passage box is {text_box.rect['height']} px tall"
    _no_horizontal_scroll(driver)
    _shot(driver, artifacts_dir, f"citation_panel_{kind}")
    panel.find_element(By.ID, "panel-close").click()
    Select(driver.find_element(By.ID, "district")).select_by_visible_text("Lạc Dương")
    refusal = _ask(driver, QUESTION)
    assert refusal.find_elements(By.CSS_SELECTOR, ".filter-note")
    _shot(driver, artifacts_dir, f"refusal_under_filter_{kind}")
    kon_ray = next(d for d in docs if d.district == "Kon Rẫy")
    driver.get(f"{live.url}/documents/{kon_ray.id}")
    assert driver.find_elements(By.CSS_SELECTOR, ".toc-list a")
    _no_horizontal_scroll(driver)
    _shot(driver, artifacts_dir, f"document_contents_{kind}")
    driver.get(f"{live.url}/compare?indicator=b%E1%BA%A3o+hi%E1%BB%83m+y+t%E1%BA%BF")
    assert driver.find_element(By.ID, "dl-xlsx").is_displayed()
    _shot(driver, artifacts_dir, f"comparison_downloads_{kind}")


ADMIN_TOKEN = "ma-quan-tri-thu"


@pytest.fixture(scope="module")
def admin_live(tmp_path_factory: pytest.TempPathFactory, docs, settings) -> Iterator[tuple[LiveServer, Path]]:
    """An instance over three plans, with the admin token set: the fourth plan is added through the page."""
    from assistant.api.app import create_app
    from assistant.config import load_settings
    from tests.ingest_fixtures import three_plan_corpus

    root = tmp_path_factory.mktemp("admin")
    corpus, index = three_plan_corpus(root, docs, Path(settings.index_dir))
    st = load_settings(corpus_dir=corpus, index_dir=index, data_dir=root / "var", backend="extractive",
                       admin_token=ADMIN_TOKEN)
    server = LiveServer(create_app(st)).start()
    yield server, root
    server.stop()


def test_admin_uploads_a_word_plan_corrects_a_field_and_it_is_answered(
    admin_live: tuple[LiveServer, Path], driver: Any, doc_by_district, artifacts_dir: Path
) -> None:
    from selenium.webdriver.common.by import By

    from tests.ingest_fixtures import write_docx

    live, root = admin_live
    docx = write_docx(doc_by_district["Lạc Dương"].text, root / "KH-149-Lac-Duong.docx")
    # Without the token: the token form only, no upload control.
    driver.get(live.url + "/admin")
    assert not driver.find_elements(By.ID, "upload-files")
    driver.find_element(By.ID, "admin-token").send_keys("sai-ma")
    driver.find_element(By.CSS_SELECTOR, ".admin-login button").click()
    # The form posts and the page reloads: wait for the answer page, not the one still on screen.
    error = _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".admin-login .error"), "the refusal")[0]
    assert "Mã quản trị không đúng" in error.text
    driver.find_element(By.ID, "admin-token").send_keys(ADMIN_TOKEN)
    driver.find_element(By.CSS_SELECTOR, ".admin-login button").click()
    _wait(driver, lambda d: d.find_elements(By.ID, "upload-files"), "the admin view")

    driver.find_element(By.ID, "upload-files").send_keys(str(docx))
    driver.find_element(By.ID, "upload-button").click()
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".admin-review"), "the detected fields")
    # Leaving the page (or a restart of the service) does not lose an upload waiting for review.
    driver.get(live.url + "/admin")
    card = _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".admin-review"), "the upload still waiting")[0]
    assert "tệp đã đọc đang chờ" in driver.find_element(By.ID, "upload-status").text
    number = card.find_element(By.NAME, "number")
    assert number.get_attribute("value") == "149-KH/HU"
    assert "Số 149 -KH/HU" in card.text  # each field shows the line it was read from
    title = card.find_element(By.NAME, "title")
    title.clear()
    title.send_keys("Kế hoạch thực hiện Nghị quyết 42-NQ/TW của Huyện ủy Lạc Dương (bản Word)")
    driver.save_screenshot(str(artifacts_dir / "admin_review.png"))
    card.find_element(By.CSS_SELECTOR, ".admin-confirm").click()
    _wait(driver, lambda d: d.find_element(By.ID, "reindex-status").get_attribute("data-state") == "done",
          "the new index", timeout=240)
    assert "4 văn bản" in driver.find_element(By.ID, "reindex-status").text

    _fresh(driver, live.url)
    answer = _ask(driver, "Ở Lạc Dương, ai chủ trì tổ chức học tập, quán triệt kế hoạch?")
    assert "Ban Tuyên giáo Huyện ủy" in answer.text
    driver.get(live.url + "/documents")
    assert "(bản Word)" in driver.find_element(By.TAG_NAME, "main").text  # the corrected field is the one kept
    driver.get(live.url + "/documents/lac-duong-2024")
    link = driver.find_element(By.CSS_SELECTOR, "a[href='/documents/lac-duong-2024/original']")
    assert "DOCX" in link.text
