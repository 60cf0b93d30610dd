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
  let current = null;              // AbortController of the answer being streamed
  const stopBtn = $("stop");
  const composerNote = $("composer-note");
  let panelTrigger = null;

  // ---------------------------------------------------------------- small DOM helpers (text only)

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** Bring `node` fully into view above the sticky question box (its top first when it is taller). */
  function scrollToBottom(node) {
    const room = window.innerHeight - form.getBoundingClientRect().height - 12;
    const r = node.getBoundingClientRect();
    const delta = r.height > room ? r.top - 8 : r.bottom - room;
    window.scrollBy({ top: delta, behavior: "auto" });
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

  /** Hover text of a [n] marker: where it is, and the sentence the answer used (else the passage start). */
  function citePreview(cit) {
    const span = (cit.spans || [])[0];
    const text = span ? cit.text.slice(span.start - cit.start, span.end - cit.start) : cit.text.slice(0, 240);
    return cit.breadcrumb + "\n«" + plain(text).replace(/\s+/g, " ").trim() + "»";
  }

  function citeLink(cit) {
    // A real link to the document view (works with middle-click / no JS); a click opens the panel.
    const a = el("a", "cite", "[" + cit.n + "]");
    a.title = citePreview(cit);
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

  /** Diacritic-free lower case, for matching district names typed either way. */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  /** A refusal while a district is chosen: say the filter limited the search, offer to search every plan. */
  function filterNote(question, district) {
    const other = [...districtSel.options].map((o) => o.value)
      .filter((d) => d && d !== district && fold(question).includes(fold(d)));
    const box = el("div", "notice notice-info filter-note");
    box.appendChild(el("p", "", other.length
      ? "Câu hỏi nói về " + other.join(", ") + " nhưng bộ lọc đang chọn huyện " + district + ", nên kế hoạch của " + other.join(", ") + " không được tìm."
      : "Bộ lọc đang chọn huyện " + district + ": chỉ kế hoạch của " + district + " được tìm."));
    const again = el("button", "btn btn-small", "Tìm trong tất cả kế hoạch");
    again.type = "button";
    again.addEventListener("click", () => {
      districtSel.value = "";
      ask(question);
    });
    box.appendChild(again);
    return box;
  }

  // ---------------------------------------------------------------- messages

  /** The user's question in the conversation, with "Sửa" to put it back in the box for editing. */
  function userMessage(question, district) {
    const userItem = el("li", "msg msg-user");
    userItem.appendChild(el("div", "bubble", question));
    const meta = el("div", "msg-meta", district ? "Chỉ tìm trong kế hoạch: " + district + " · " : "");
    const edit = el("button", "btn btn-link edit-question", "Sửa và gửi lại");
    edit.type = "button";
    edit.addEventListener("click", () => {
      input.value = question;
      updateCount();
      input.focus();
    });
    meta.appendChild(edit);
    userItem.appendChild(meta);
    conversation.appendChild(userItem);
    return userItem;
  }

  /** Fill an assistant message with a final answer: text with [n] links, notes, sources, buttons. */
  function showResult(parts, question, district, result) {
    const { bubble, answerBox, notes, sources } = parts;
    answerBox.classList.remove("streaming");
    answerBox.removeAttribute("aria-busy");
    renderAnswer(answerBox, result.answer, result.citations);
    if (result.refused) bubble.classList.add("refused");
    if (result.refused && district) notes.appendChild(filterNote(question, district));
    if (result.fallback_reason) {
      notes.appendChild(el("p", "notice notice-warn fallback-note", "Lưu ý: " + result.fallback_reason));
    }
    renderSources(sources, result.citations);
    bubble.appendChild(actionsBar(question, result));
  }

  function assistantMessage() {
    const item = el("li", "msg msg-assistant");
    const bubble = el("div", "bubble");
    const answerBox = el("div", "answer", "");
    const notes = el("div", "notes");
    const sources = el("div", "sources");
    bubble.append(answerBox, notes, sources);
    item.appendChild(bubble);
    conversation.appendChild(item);
    return { item, bubble, answerBox, notes, sources };
  }

  // ---------------------------------------------------------------- conversations kept in the browser

  const STORE_KEY = "nq42.conversations";
  const CURRENT_KEY = "nq42.current";
  const MAX_KEPT = 30;
  let conversationId = null;

  function loadAll() {
    try {
      return JSON.parse(localStorage.getItem(STORE_KEY) || "{}") || {};
    } catch (e) {
      return {};
    }
  }

  function saveAll(all) {
    const ids = Object.keys(all).sort((a, b) => all[b].updated - all[a].updated);
    for (const id of ids.slice(MAX_KEPT)) delete all[id];
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify(all));
    } catch (e) {
      // Storage full or disabled: the conversation still works, it is just not kept.
    }
  }

  function remember(question, district, result) {
    const all = loadAll();
    if (!conversationId || !all[conversationId]) {
      conversationId = "c" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
      all[conversationId] = { id: conversationId, title: question, items: [], updated: 0 };
    }
    const c = all[conversationId];
    c.items.push({ question, district, result });
    c.updated = Date.now();
    saveAll(all);
    localStorage.setItem(CURRENT_KEY, conversationId);
    renderPast();
  }

  function restore(id) {
    const c = loadAll()[id];
    conversation.textContent = "";
    history = [];
    closePanel();
    if (!c) {
      conversationId = null;
      intro.hidden = false;
      return;
    }
    conversationId = id;
    localStorage.setItem(CURRENT_KEY, id);
    intro.hidden = c.items.length > 0;
    for (const it of c.items) {
      userMessage(it.question, it.district);
      showResult(assistantMessage(), it.question, it.district, it.result);
      history.push({ role: "user", content: it.question }, { role: "assistant", content: it.result.answer });
    }
    history = history.slice(-HISTORY_ITEMS);
    renderPast();
  }

  /** The list of past conversations: reopen or delete each. */
  function renderPast() {
    const list = $("past-list");
    const all = loadAll();
    const ids = Object.keys(all).sort((a, b) => all[b].updated - all[a].updated);
    list.textContent = "";
    $("past-count").textContent = String(ids.length);
    $("past").hidden = ids.length === 0;
    for (const id of ids) {
      const c = all[id];
      const li = el("li", "past-item" + (id === conversationId ? " current" : ""));
      const open = el("button", "btn btn-link past-open", c.title);
      open.type = "button";
      open.title = new Date(c.updated).toLocaleString("vi-VN") + " · " + c.items.length + " câu hỏi";
      open.addEventListener("click", () => restore(id));
      const del = el("button", "btn btn-small past-delete", "Xóa");
      del.type = "button";
      del.setAttribute("aria-label", "Xóa hội thoại: " + c.title);
      del.addEventListener("click", () => {
        const rest = loadAll();
        delete rest[id];
        saveAll(rest);
        if (id === conversationId) restore(null);
        renderPast();
      });
      li.append(open, del);
      list.appendChild(li);
    }
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
    current = controller;
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
        if (controller.stopped) throw new AskError("Đã dừng theo yêu cầu của bạn.", "stopped");
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
        if (controller.stopped) throw new AskError("Đã dừng theo yêu cầu của bạn.", "stopped");
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
    stopBtn.hidden = !on;
    form.setAttribute("aria-busy", on ? "true" : "false");
    if (!on) current = null;
  }

  /** A short message under the question box (why a question was not sent); empty text clears it. */
  function note(text) {
    composerNote.textContent = text || "";
    composerNote.hidden = !text;
  }

  stopBtn.addEventListener("click", () => {
    // Closing the stream makes the server stop working on this answer.
    if (current) { current.stopped = true; current.abort(); }
  });

  async function ask(question, opts) {
    question = (question || "").trim();
    if (!question || busy) return;
    opts = opts || {};
    intro.hidden = true;
    setBusy(true);

    const district = districtSel.value;
    const userItem = userMessage(question, district);

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
      showResult({ bubble, answerBox, notes, sources }, question, district, result);
      history.push({ role: "user", content: question }, { role: "assistant", content: result.answer });
      history = history.slice(-HISTORY_ITEMS);
      remember(question, district, result);
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
    if (busy) {
      // Never lose a typed question: it stays in the box until the current answer is done (or stopped).
      note("Đang trả lời câu trước. Câu hỏi mới vẫn giữ trong ô; bấm “Dừng” hoặc chờ xong rồi gửi.");
      return;
    }
    if (q.trim().length > maxChars) {
      note("Câu hỏi dài " + q.trim().length + " ký tự, quá giới hạn " + maxChars + " ký tự. Hãy rút gọn rồi gửi lại.");
      input.focus();
      return;
    }
    note("");
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
    // The finished conversation stays in "Hội thoại trước"; the new one starts empty, box included.
    conversationId = null;
    localStorage.removeItem(CURRENT_KEY);
    history = [];
    conversation.textContent = "";
    intro.hidden = false;
    input.value = "";
    updateCount();
    note("");
    closePanel();
    renderPast();
    input.focus();
  });

  // A page answered by the server (opened as /?question=…) keeps its answer; otherwise the last conversation returns.
  if (!conversation.querySelector(".server-rendered")) restore(localStorage.getItem(CURRENT_KEY));
  else renderPast();

  input.focus();
})();
