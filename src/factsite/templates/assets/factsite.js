/* factsite theme script (deferred; every page paints and works without it).
   1. The light/dark switch: follows the system until used, then remembered.
   2. The interactive charts: the static SVG is the chart; the Vega bundle is fetched only
      on a page that has charts, when a reader points at, focuses or touches one, or when
      the browser is idle after the page has loaded.
   3. Escape closes the narrow-screen section menu. */
(function () {
  var root = document.documentElement;
  var button = document.querySelector(".fs-theme-toggle");
  function dark() {
    var chosen = root.dataset.theme;
    if (chosen === "dark" || chosen === "light") return chosen === "dark";
    return window.matchMedia("(prefers-color-scheme: dark)").matches;
  }
  function label() {
    var isDark = dark();
    button.setAttribute("aria-pressed", String(isDark));
    button.setAttribute("aria-label", button.dataset[isDark ? "labelLight" : "labelDark"]);
    button.title = button.getAttribute("aria-label");
  }
  if (button) {
    button.hidden = false;
    label();
    button.addEventListener("click", function () {
      var next = dark() ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem("fs-theme", next); } catch (e) { /* private mode */ }
      label();
    });
  }

  var bundle = document.body.dataset.charts;
  var requested = false;
  function loadCharts() {
    if (requested || !bundle) return;
    requested = true;
    var s = document.createElement("script");
    s.src = bundle;
    s.async = true;
    document.head.appendChild(s);
  }
  if (bundle) {
    document.querySelectorAll("figure.fs-chart").forEach(function (fig) {
      ["pointerenter", "focusin", "touchstart"].forEach(function (type) {
        fig.addEventListener(type, loadCharts, { once: true, passive: true });
      });
    });
    window.addEventListener("load", function () {
      if ("requestIdleCallback" in window) requestIdleCallback(loadCharts, { timeout: 4000 });
      else setTimeout(loadCharts, 1500);
    });
  }

  var menu = document.querySelector("details.fs-menu");
  if (menu) {
    menu.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }
})();
