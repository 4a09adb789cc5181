// The tracking page asks for its status while the tab is visible, as often as the page says
// (data-poll, in seconds: soon while a payment is awaited, slowly while a draw is), and stops for
// good once the page shows a status that no longer changes by itself (no data-poll on #application).
(function () {
  "use strict";
  var timer = null;
  function box() { return document.getElementById("application"); }
  function poll() {
    timer = null;
    var current = box();
    if (!current || !current.hasAttribute("data-poll")) { return; }
    if (document.visibilityState === "visible" && window.htmx) { window.htmx.trigger(current, "poll"); }
    start();
  }
  function stop() { if (timer !== null) { clearTimeout(timer); timer = null; } }
  function start() {
    var current = box();
    // The interval is read again each time: a swapped-in status may ask for another pace.
    if (timer === null && current && current.hasAttribute("data-poll")) {
      timer = setTimeout(poll, 1000 * Number(current.getAttribute("data-poll") || 30));
    }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { stop(); poll(); } else { stop(); }
  });
  document.addEventListener("DOMContentLoaded", start);
})();
