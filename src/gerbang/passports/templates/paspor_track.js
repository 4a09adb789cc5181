// The tracking page asks for its status every 30 s, only while the tab is visible, and stops for good
// once the page shows a status that no longer changes by itself (no data-poll on #application).
(function () {
  "use strict";
  var timer = null;
  function poll() {
    var box = document.getElementById("application");
    if (!box || !box.hasAttribute("data-poll")) { stop(); return; }
    if (document.visibilityState === "visible" && window.htmx) { window.htmx.trigger(box, "poll"); }
  }
  function stop() { if (timer !== null) { clearInterval(timer); timer = null; } }
  function start() {
    var box = document.getElementById("application");
    if (timer === null && box && box.hasAttribute("data-poll")) {
      timer = setInterval(poll, 1000 * Number(box.getAttribute("data-poll") || 30));
    }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { poll(); start(); } else { stop(); }
  });
  document.addEventListener("DOMContentLoaded", start);
})();
