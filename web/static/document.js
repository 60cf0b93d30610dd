// Document page: bring the cited passage (<mark id="cited">) into view; find words in the plan.
"use strict";
(function () {
  const cited = document.getElementById("cited");
  if (cited) {
    // A passage taller than the window: show the answering sentence, else the passage's start.
    const sentence = document.getElementById("cited-sentence");
    (sentence || cited).scrollIntoView({ block: sentence ? "center" : "start" });
    cited.focus({ preventScroll: true });
  }

  // Find in the document: matches ignore case and Vietnamese marks; each "Tìm" goes to the next one.
  const form = document.getElementById("doc-find");
  const box = document.getElementById("find-q");
  const status = document.getElementById("find-status");
  const text = document.getElementById("doc-text");
  if (!form || !text) return;
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  let hits = [];
  let at = -1;
  let last = "";

  function search(q) {
    // Folding keeps one character per character of the page text (NFC in, one base letter out).
    const nodes = [];
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    let flat = "";
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push([n, flat.length]);
      flat += fold(n.data.normalize("NFC"));
    }
    const out = [];
    const needle = fold(q.trim());
    for (let i = flat.indexOf(needle); needle && i >= 0; i = flat.indexOf(needle, i + needle.length)) {
      const range = document.createRange();
      const locate = (pos) => {
        let k = nodes.length - 1;
        while (k > 0 && nodes[k][1] > pos) k--;
        return [nodes[k][0], pos - nodes[k][1]];
      };
      const [sn, so] = locate(i);
      const [en, eo] = locate(i + needle.length - 1);
      range.setStart(sn, so);
      range.setEnd(en, eo + 1);
      out.push(range);
    }
    return out;
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = box.value;
    if (q !== last) {
      hits = search(q);
      at = -1;
      last = q;
    }
    if (!hits.length) {
      status.textContent = q.trim() ? "Không thấy «" + q.trim() + "» trong văn bản." : "";
      if (window.CSS && CSS.highlights) CSS.highlights.delete("find");
      return;
    }
    at = (at + 1) % hits.length;
    if (window.CSS && CSS.highlights) {
      CSS.highlights.set("find", new Highlight(...hits));
      CSS.highlights.set("find-current", new Highlight(hits[at]));
    }
    const rect = hits[at].getBoundingClientRect();
    window.scrollBy({ top: rect.top - window.innerHeight / 3 });
    status.textContent = "Kết quả " + (at + 1) + "/" + hits.length;
  });
})();
