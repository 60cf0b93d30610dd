// Chat page of the NQ 42 plans assistant.
// Security rule: every question, answer and corpus text goes into the page through textContent /
// createTextNode, never innerHTML, so no markup from a document or a model can run.
"use strict";

(function () {
  const config = JSON.parse(document.getElementById("chat-config").textContent || "{}");
  const $ = (id) => document.getElementById(id);
  const form = $("ask-form");
  const input = $("question");
  const sendBtn = $("send");
  const districtSel = $("district");
  const conversation = $("conversation");
  const intro = $("intro");
  const charCount = $("char-count");
  const panel = $("passage-panel");

  // No byte from the server for this long = timeout (the server sets it above its own LLM deadline).
  const IDLE_TIMEOUT_MS = (Number(config.timeoutSeconds) || 60) * 1000;
  const HISTORY_ITEMS = 10;        // last 5 question/answer pairs are sent for follow-ups
  const maxChars = Number(config.maxQuestionChars) || 2000;

  let history = [];                // [{role: "user"|"assistant", content}]
  let busy = false;
  let panelTrigger = null;

  // ---------------------------------------------------------------- small DOM helpers (text only)

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function scrollToBottom(node) {
    node.scrollIntoView({ block: "end", behavior: "smooth" });
  }

  // ---------------------------------------------------------------- answer rendering

  /** Fill `container` with the answer, turning [n] markers into links that open the passage panel. */
  function renderAnswer(container, answer, citations) {
    container.textContent = "";
    const byN = new Map((citations || []).map((c) => [c.n, c]));
    const re = /\[(\d{1,2})\]/g;
    let last = 0;
    let m;
    while ((m = re.exec(answer)) !== null) {
      container.appendChild(document.createTextNode(answer.slice(last, m.index)));
      const cit = byN.get(Number(m[1]));
      container.appendChild(cit ? citeLink(cit) : document.createTextNode(m[0]));
      last = re.lastIndex;
    }
    container.appendChild(document.createTextNode(answer.slice(last)));
  }

  function citeLink(cit) {
    // A real link to the document view (works with middle-click / no JS); a click opens the panel.
    const a = el("a", "cite", "[" + cit.n + "]");
    a.href = cit.url;
    a.setAttribute("role", "button");
    a.setAttribute("aria-label", "Trích dẫn " + cit.n + ": " + cit.breadcrumb);
    a.addEventListener("click", (ev) => {
      if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button === 1) return;
      ev.preventDefault();
      openPanel(cit, a);
    });
    return a;
  }

  function planLabel(cit) {
    const parts = [];
    if (cit.plan_number) parts.push("Số " + cit.plan_number);
    if (cit.plan_title) parts.push(cit.plan_title);
    let label = parts.join(" — ") || cit.doc_id;
    if (cit.plan_status === "draft") label += " (dự thảo)";
    return label;
  }

  function renderSources(box, citations) {
    box.textContent = "";
    if (!citations || !citations.length) return;
    box.appendChild(el("h3", "sources-title", "Nguồn trích dẫn"));
    const list = el("ol", "sources-list");
    for (const cit of citations) {
      const li = el("li");
      li.appendChild(citeLink(cit));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", "source-crumb", cit.breadcrumb));
      list.appendChild(li);
    }
    box.appendChild(list);
  }

  // ---------------------------------------------------------------- passage panel

  function openPanel(cit, trigger) {
    panelTrigger = trigger || null;
    $("panel-title").textContent = "Đoạn trích [" + cit.n + "]";
    $("panel-district").textContent = cit.district;
    $("panel-plan").textContent = planLabel(cit);
    $("panel-plan").title = planLabel(cit);
    $("panel-breadcrumb").textContent = cit.breadcrumb;
    $("panel-breadcrumb").title = cit.breadcrumb;
    $("panel-before").textContent = "";
    $("panel-after").textContent = "";
    fillPassage($("panel-passage"), cit.text, cit.start, cit.spans);
    $("panel-doc-link").href = cit.url;
    panel.hidden = false;
    document.body.classList.add("panel-open");
    panel.focus({ preventScroll: true });
    showMark();
    // Surrounding text, so the official sees where the passage sits in the plan.
    const q = "?start=" + encodeURIComponent(cit.start) + "&end=" + encodeURIComponent(cit.end) + "&context=300";
    fetch("/api/documents/" + encodeURIComponent(cit.doc_id) + "/excerpt" + q)
      .then((r) => (r.ok ? r.json() : null))
      .then((ex) => {
        if (!ex || $("panel-passage").dataset.start !== String(cit.start)) return;
        $("panel-before").textContent = (ex.start - ex.before.length > 0 ? "…" : "") + plain(ex.before);
        fillPassage($("panel-passage"), ex.passage, ex.start, cit.spans);
        $("panel-after").textContent = plain(ex.after) + (ex.after.length && ex.end + ex.after.length < ex.document.chars ? "…" : "");
        showMark();
      })
      .catch(() => { /* the passage itself is already shown */ });
  }

  /** Put the passage text into `node`, the sentences the answer used (`spans`, in document offsets;
   * `base` is the passage's own start) wrapped in strong highlights inside the light one. */
  /** Display form of plan text: markdown markers (** … *, ##, \\*) dropped; offsets are computed before. */
  function plain(text) {
    return text.replace(/\\(?=[*_#])/g, "").replace(/\*+/g, "").replace(/^[ \t]*#{1,6}[ \t]*/gm, "");
  }

  function fillPassage(node, text, base, spans) {
    node.textContent = "";
    node.dataset.start = String(base);
    let pos = 0;
    const inside = (spans || [])
      .map((s) => [Math.max(0, s.start - base), Math.min(text.length, s.end - base)])
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    for (const [a, b] of inside) {
      if (a < pos) continue;
      node.appendChild(document.createTextNode(plain(text.slice(pos, a))));
      node.appendChild(el("strong", "cited-sentence", plain(text.slice(a, b))));
      pos = b;
    }
    node.appendChild(document.createTextNode(plain(text.slice(pos))));
  }

  /** Scroll the passage box (not the page) so the answering sentence (else the passage) is near its top. */
  function showMark() {
    const box = $("panel-text");
    const target = $("panel-passage").querySelector(".cited-sentence") || $("panel-passage");
    box.scrollTop = Math.max(0, target.offsetTop - 24);
  }

  function closePanel() {
    panel.hidden = true;
    document.body.classList.remove("panel-open");
    if (panelTrigger && document.body.contains(panelTrigger)) panelTrigger.focus();
    panelTrigger = null;
  }

  $("panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && !panel.hidden) closePanel();
  });

  // ---------------------------------------------------------------- copy + feedback

  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return;
    }
    // Plain-http pages on a LAN are not a "secure context": fall back to a hidden textarea.
    const ta = el("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.style.position = "fixed";
    ta.style.opacity = "0";
    document.body.appendChild(ta);
    ta.select();
    const ok = document.execCommand("copy");
    ta.remove();
    if (!ok) throw new Error("copy failed");
  }

  function plainAnswer(result) {
    let text = result.answer;
    if (result.citations && result.citations.length) {
      text += "\n\nNguồn:\n" + result.citations.map((c) => "[" + c.n + "] " + c.breadcrumb + " — " + planLabel(c)).join("\n");
    }
    return text;
  }

  function actionsBar(question, result) {
    const bar = el("div", "actions");
    const status = el("span", "action-status");
    status.setAttribute("role", "status");

    const copyBtn = el("button", "btn btn-small", "Sao chép");
    copyBtn.type = "button";
    copyBtn.addEventListener("click", async () => {
      try {
        await copyText(plainAnswer(result));
        status.textContent = "Đã sao chép câu trả lời và nguồn.";
      } catch (e) {
        status.textContent = "Không sao chép được; hãy bôi đen và sao chép thủ công.";
      }
    });

    // 👍/👎 as local SVG icons: an emoji font may be missing on office PCs.
    function fbButton(cls, icon, label, title) {
      const b = el("button", "btn btn-small fb " + cls);
      b.type = "button";
      const img = el("img");
      img.src = "/static/" + icon;
      img.alt = "";
      img.width = 18;
      img.height = 18;
      b.append(img, el("span", "fb-label", label));
      b.title = title;
      return b;
    }
    const up = fbButton("fb-up", "thumb-up.svg", "Hữu ích", "👍 Câu trả lời hữu ích");
    const down = fbButton("fb-down", "thumb-down.svg", "Chưa tốt", "👎 Câu trả lời chưa tốt");
    up.setAttribute("aria-pressed", "false");
    down.setAttribute("aria-pressed", "false");

    const commentBox = el("div", "fb-comment");
    commentBox.hidden = true;
    const commentLabel = el("label", "visually-hidden", "Góp ý thêm");
    const comment = el("textarea");
    comment.rows = 2;
    comment.maxLength = 2000;
    comment.placeholder = "Góp ý thêm (không bắt buộc): câu trả lời sai hoặc thiếu ở đâu?";
    comment.id = "fb-comment-" + Math.random().toString(36).slice(2);
    commentLabel.htmlFor = comment.id;
    const sendComment = el("button", "btn btn-small", "Gửi phản hồi");
    sendComment.type = "button";
    commentBox.append(commentLabel, comment, sendComment);

    async function send(helpful, text) {
      up.disabled = down.disabled = sendComment.disabled = true;
      status.textContent = "Đang gửi phản hồi…";
      try {
        const resp = await fetch("/api/feedback", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({
            question, answer: result.answer, helpful, comment: text || null,
            district: districtSel.value || null, backend: result.backend,
            citations: (result.citations || []).map((c) => c.doc_id + ":" + c.start + "-" + c.end),
          }),
        });
        const data = await resp.json().catch(() => ({}));
        if (!resp.ok) throw new Error(data.detail || "Lỗi " + resp.status);
        status.textContent = data.message || "Đã ghi nhận phản hồi. Cảm ơn bạn!";
        commentBox.hidden = true;
      } catch (e) {
        status.textContent = "Chưa gửi được phản hồi: " + (e.message || "lỗi kết nối") + ". Hãy thử lại.";
        up.disabled = down.disabled = sendComment.disabled = false;
      }
    }

    up.addEventListener("click", () => {
      up.setAttribute("aria-pressed", "true");
      down.setAttribute("aria-pressed", "false");
      send(true, null);
    });
    down.addEventListener("click", () => {
      down.setAttribute("aria-pressed", "true");
      up.setAttribute("aria-pressed", "false");
      commentBox.hidden = false;
      comment.focus();
    });
    sendComment.addEventListener("click", () => send(false, comment.value.trim()));

    bar.append(copyBtn, up, down, status);
    const wrap = el("div", "actions-wrap");
    wrap.append(bar, commentBox);
    return wrap;
  }

  // ---------------------------------------------------------------- asking

  class AskError extends Error {
    constructor(message, code) {
      super(message);
      this.code = code || "";
    }
  }

  /** Parse a text/event-stream body; calls onEvent(name, data) for each event. */
  async function readSSE(resp, onEvent, watchdog) {
    const reader = resp.body.getReader();
    const decoder = new TextDecoder("utf-8");
    let buf = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      watchdog.kick();
      buf += decoder.decode(value, { stream: true }).replace(/\r\n/g, "\n");
      let idx;
      while ((idx = buf.indexOf("\n\n")) >= 0) {
        const raw = buf.slice(0, idx);
        buf = buf.slice(idx + 2);
        let name = "message";
        const data = [];
        for (const line of raw.split("\n")) {
          if (line.startsWith("event:")) name = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
        }
        if (data.length) onEvent(name, JSON.parse(data.join("\n")));
      }
    }
  }

  function makeWatchdog(controller) {
    let timer = null;
    const w = {
      timedOut: false,
      kick() {
        clearTimeout(timer);
        timer = setTimeout(() => { w.timedOut = true; controller.abort(); }, IDLE_TIMEOUT_MS);
      },
      stop() { clearTimeout(timer); },
    };
    w.kick();
    return w;
  }

  async function streamAnswer(payload, onToken) {
    const controller = new AbortController();
    const watchdog = makeWatchdog(controller);
    let final = null;
    try {
      let resp;
      try {
        resp = await fetch("/api/ask/stream", {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
          body: JSON.stringify(payload),
          signal: controller.signal,
        });
      } catch (e) {
        if (watchdog.timedOut) throw new AskError("Máy chủ không phản hồi sau " + Math.round(IDLE_TIMEOUT_MS / 1000) + " giây (hết thời gian chờ). Vui lòng thử lại.", "timeout");
        throw new AskError("Không kết nối được với máy chủ trợ lý. Hãy kiểm tra máy chủ đang chạy và kết nối mạng, rồi thử lại.", "network");
      }
      if (!resp.ok) {
        const data = await resp.json().catch(() => ({}));
        const msg = data.detail || (resp.status >= 500
          ? "Máy chủ gặp lỗi (mã " + resp.status + "). Vui lòng thử lại sau."
          : "Yêu cầu không hợp lệ (mã " + resp.status + ").");
        throw new AskError(msg, data.code || "http_" + resp.status);
      }
      try {
        await readSSE(resp, (name, data) => {
          if (name === "token") onToken(data.text);
          else if (name === "final") final = data;
          else if (name === "error") throw new AskError(data.detail || "Có lỗi khi tạo câu trả lời.", data.code);
        }, watchdog);
      } catch (e) {
        if (e instanceof AskError) throw e;
        if (watchdog.timedOut) throw new AskError("Máy chủ ngừng phản hồi giữa chừng (hết thời gian chờ " + Math.round(IDLE_TIMEOUT_MS / 1000) + " giây). Vui lòng thử lại.", "timeout");
        throw new AskError("Mất kết nối với máy chủ khi đang nhận câu trả lời. Vui lòng thử lại.", "network");
      }
      if (!final) throw new AskError("Câu trả lời bị ngắt giữa chừng. Vui lòng thử lại.", "incomplete");
      return final;
    } finally {
      watchdog.stop();
    }
  }

  function setBusy(on) {
    busy = on;
    sendBtn.disabled = on;
    sendBtn.textContent = on ? "Đang trả lời…" : "Gửi";
    form.setAttribute("aria-busy", on ? "true" : "false");
  }

  async function ask(question, opts) {
    question = (question || "").trim();
    if (!question || busy) return;
    opts = opts || {};
    intro.hidden = true;
    setBusy(true);

    const userItem = el("li", "msg msg-user");
    userItem.appendChild(el("div", "bubble", question));
    const district = districtSel.value;
    if (district) userItem.appendChild(el("div", "msg-meta", "Chỉ tìm trong kế hoạch: " + district));
    conversation.appendChild(userItem);

    const item = el("li", "msg msg-assistant");
    const bubble = el("div", "bubble");
    const answerBox = el("div", "answer streaming", "");
    answerBox.setAttribute("aria-busy", "true");
    const waiting = el("span", "waiting", "Đang tìm trong các kế hoạch…");
    answerBox.appendChild(waiting);
    const notes = el("div", "notes");
    const sources = el("div", "sources");
    bubble.append(answerBox, notes, sources);
    item.appendChild(bubble);
    conversation.appendChild(item);
    scrollToBottom(item);

    const payload = { question, district: district || null, history: history.slice(-HISTORY_ITEMS) };
    let streamed = "";
    const onToken = (t) => {
      streamed += t;
      answerBox.textContent = streamed;
    };

    try {
      let result;
      try {
        result = await streamAnswer(payload, onToken);
      } catch (e) {
        // The language-model backend is down: fall back to the extractive answer, and say so.
        if (e instanceof AskError && e.code === "backend_unavailable") {
          notes.appendChild(el("p", "notice notice-warn", e.message + " Dưới đây là câu trả lời trích xuất trực tiếp từ văn bản."));
          streamed = "";
          result = await streamAnswer({ ...payload, backend: "extractive" }, onToken);
        } else {
          throw e;
        }
      }
      answerBox.classList.remove("streaming");
      answerBox.removeAttribute("aria-busy");
      renderAnswer(answerBox, result.answer, result.citations);
      if (result.refused) bubble.classList.add("refused");
      if (result.fallback_reason) {
        notes.appendChild(el("p", "notice notice-warn fallback-note", "Lưu ý: " + result.fallback_reason));
      }
      renderSources(sources, result.citations);
      bubble.appendChild(actionsBar(question, result));
      history.push({ role: "user", content: question }, { role: "assistant", content: result.answer });
      history = history.slice(-HISTORY_ITEMS);
    } catch (e) {
      answerBox.classList.remove("streaming");
      answerBox.removeAttribute("aria-busy");
      if (!streamed) answerBox.textContent = "";
      const box = el("div", "notice notice-error error-box");
      box.setAttribute("role", "alert");
      box.appendChild(el("p", "", e instanceof AskError ? e.message : "Có lỗi không mong đợi. Vui lòng thử lại."));
      const retry = el("button", "btn btn-small", "Thử lại");
      retry.type = "button";
      retry.addEventListener("click", () => {
        item.remove();
        userItem.remove();
        ask(question);
      });
      box.appendChild(retry);
      notes.appendChild(box);
      if (e.code === "validation_error" || e.code === "bad_question") input.value = question;
    } finally {
      setBusy(false);
      scrollToBottom(item);
      if (!opts.keepFocus) input.focus();
    }
  }

  // ---------------------------------------------------------------- wiring

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = input.value;
    if (!q.trim()) {
      input.focus();
      return;
    }
    input.value = "";
    updateCount();
    ask(q);
  });

  input.addEventListener("keydown", (ev) => {
    // Enter sends; Shift+Enter is a new line; don't send while an IME is composing Vietnamese text.
    if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      form.requestSubmit();
    }
  });

  function updateCount() {
    const n = input.value.length;
    if (n > maxChars * 0.8) {
      charCount.textContent = "· " + n + "/" + maxChars + " ký tự";
      charCount.classList.toggle("over", n > maxChars);
    } else {
      charCount.textContent = "";
    }
  }
  input.addEventListener("input", updateCount);

  for (const btn of document.querySelectorAll(".example")) {
    btn.addEventListener("click", () => ask(btn.textContent));
  }

  $("new-chat").addEventListener("click", () => {
    history = [];
    conversation.textContent = "";
    intro.hidden = false;
    closePanel();
    input.focus();
  });

  input.focus();
})();
