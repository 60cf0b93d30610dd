// Document page: bring the cited passage (<mark id="cited">) into view and give it focus.
"use strict";
(function () {
  const cited = document.getElementById("cited");
  if (!cited) return;
  cited.scrollIntoView({ block: "center" });
  cited.focus({ preventScroll: true });
})();
