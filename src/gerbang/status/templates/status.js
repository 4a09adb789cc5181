/* The status part refreshes itself (htmx, every minute) but never under a visitor's hands:
   not while focus is in a form (a half-typed address stays), not while the tab is hidden. */
(function () {
  "use strict";
  function busy() {
    var active = document.activeElement;
    return document.hidden || Boolean(active && active.closest && active.closest("form"));
  }
  document.addEventListener("htmx:before:request", function (event) {
    if (event.target && event.target.id === "live" && busy()) {
      event.preventDefault();
    }
  });
  // Back on the tab: catch up at once instead of showing a minute-old state.
  document.addEventListener("visibilitychange", function () {
    var live = document.getElementById("live");
    if (!document.hidden && live && window.htmx) {
      window.htmx.trigger(live, "refresh");
    }
  });
})();
