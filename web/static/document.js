// Document page: bring the cited passage (<mark id="cited">) into view and give it focus.
"use strict";
(function () {
  const cited = document.getElementById("cited");
  if (!cited) return;
  // A passage taller than the window: show the answering sentence, else the passage's start.
  const sentence = document.getElementById("cited-sentence");
  (sentence || cited).scrollIntoView({ block: sentence ? "center" : "start" });
  cited.focus({ preventScroll: true });
})();
