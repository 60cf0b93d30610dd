// Documents admin view: upload plan files, review the detected fields, confirm, watch indexing, remove.
// The admin token travels in an HttpOnly cookie set at login; every call here is same-origin.
(function () {
  "use strict";
  const $ = (sel) => document.querySelector(sel);
  const statusBox = $("#upload-status");
  const review = $("#review");

  async function call(url, options) {
    const resp = await fetch(url, Object.assign({ credentials: "same-origin", headers: { Accept: "application/json" } }, options || {}));
    let body = null;
    try { body = await resp.json(); } catch (e) { body = null; }
    if (!resp.ok) throw new Error((body && body.detail) || "Lỗi " + resp.status);
    return body;
  }

  function field(upload, f) {
    const row = document.createElement("div");
    row.className = "admin-field";
    const label = document.createElement("label");
    const id = "f-" + upload.upload_id + "-" + f.name;
    label.htmlFor = id;
    label.textContent = f.label;
    const input = document.createElement(f.name === "title" || f.name === "implements" ? "textarea" : "input");
    input.id = id;
    input.name = f.name;
    input.value = f.value;
    if (!f.value && upload.missing.includes(f.name)) input.setAttribute("aria-invalid", "true");
    row.append(label, input);
    if (f.line) {
      const src = document.createElement("small");
      src.className = "muted";
      src.textContent = "Nguồn: «" + f.line + "»";
      row.append(src);
    }
    return row;
  }

  function card(upload) {
    const box = document.createElement("form");
    box.className = "card admin-review";
    box.dataset.uploadId = upload.upload_id || "";
    const head = document.createElement("h3");
    head.textContent = upload.file + (upload.kind ? " (" + upload.kind + ", " + upload.chars + " ký tự)" : "");
    box.append(head);
    const refused = upload.error || (upload.duplicate_of &&
      "Cùng nội dung với văn bản «" + upload.duplicate_of + "» đã có trong kho: không thêm lần nữa.");
    if (refused) {
      const p = document.createElement("p");
      p.className = "error";
      p.setAttribute("role", "alert");
      p.textContent = refused;
      box.append(p);
      return box;
    }
    const idRow = field(upload, { name: "doc_id", label: "Mã văn bản", value: upload.doc_id, line: "" });
    box.append(idRow);
    upload.fields.forEach((f) => box.append(field(upload, f)));
    const ok = document.createElement("button");
    ok.type = "submit";
    ok.className = "btn btn-primary admin-confirm";
    ok.textContent = "Ghi vào kho";
    const drop = document.createElement("button");
    drop.type = "button";
    drop.className = "btn btn-small admin-discard";
    drop.textContent = "Bỏ tệp này";
    const msg = document.createElement("p");
    msg.className = "muted";
    msg.setAttribute("role", "status");
    box.append(ok, drop, msg);
    drop.addEventListener("click", async () => {
      drop.disabled = true;
      try {
        await call("/api/admin/uploads/" + upload.upload_id, { method: "DELETE" });
        box.remove();
      } catch (e) {
        drop.disabled = false;
        msg.textContent = e.message;
        msg.className = "error";
      }
    });
    box.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const fields = {};
      upload.fields.forEach((f) => { fields[f.name] = box.elements[f.name].value; });
      ok.disabled = true;
      msg.textContent = "Đang ghi…";
      try {
        const res = await call("/api/admin/uploads/" + upload.upload_id + "/confirm", {
          method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({ fields: fields, doc_id: box.elements.doc_id.value }),
        });
        msg.textContent = "Đã ghi «" + res.doc_id + "» vào kho; đang lập chỉ mục…";
        drop.remove();
        watch();
      } catch (e) {
        ok.disabled = false;
        msg.textContent = e.message;
        msg.className = "error";
      }
    });
    return box;
  }

  $("#upload-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const files = $("#upload-files").files;
    if (!files.length) return;
    const data = new FormData();
    Array.from(files).forEach((f) => data.append("files", f));
    $("#upload-button").disabled = true;
    statusBox.textContent = "Đang đọc " + files.length + " tệp (bản quét có thể mất vài phút)…";
    try {
      const uploads = await call("/api/admin/uploads", { method: "POST", body: data });
      uploads.forEach((u) => review.append(card(u)));
      statusBox.textContent = "Đã đọc " + uploads.length + " tệp. Kiểm tra thông tin rồi bấm «Ghi vào kho».";
    } catch (e) {
      statusBox.textContent = e.message;
    } finally {
      $("#upload-button").disabled = false;
    }
  });

  let timer = null;
  async function watch() {
    if (timer) return;
    const bar = $("#reindex-progress");
    const text = $("#reindex-status");
    const tick = async () => {
      let s;
      try { s = await call("/api/admin/reindex"); } catch (e) { text.textContent = e.message; return; }
      text.textContent = s.message || "";
      text.dataset.state = s.state;
      bar.hidden = s.state !== "running";
      if (s.total) { bar.max = s.total; bar.value = s.done; }
      if (s.state === "running") { timer = setTimeout(tick, 1000); } else { timer = null; }
    };
    tick();
  }

  // Uploads read earlier and not yet confirmed (kept by the server, also across a restart).
  (async () => {
    try {
      const waiting = await call("/api/admin/uploads");
      if (!waiting.length) return;
      waiting.forEach((u) => review.append(card(u)));
      statusBox.textContent = waiting.length + " tệp đã đọc đang chờ kiểm tra và ghi vào kho.";
    } catch (e) {
      statusBox.textContent = e.message;
    }
  })();

  document.querySelectorAll(".admin-remove").forEach((btn) => {
    btn.addEventListener("click", async () => {
      const id = btn.dataset.docId;
      if (!window.confirm("Gỡ «" + id + "» khỏi kho? Tệp được giữ trong corpus/removed/.")) return;
      btn.disabled = true;
      try {
        await call("/api/admin/documents/" + encodeURIComponent(id), { method: "DELETE" });
        btn.closest("li").remove();
        watch();
      } catch (e) {
        btn.disabled = false;
        window.alert(e.message);
      }
    });
  });
  watch();
})();
