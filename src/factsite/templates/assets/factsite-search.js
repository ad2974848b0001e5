/* factsite search page: Pagefind's UI over this language's own index; ?q= runs a search. */
(function () {
  var box = document.getElementById("fs-search");
  var ui = new PagefindUI({ element: "#fs-search", showSubResults: true, showImages: false,
                            resetStyles: false });
  // Pagefind's input has a placeholder only: give it an accessible name
  var tries = 0;
  (function label() {
    var input = box.querySelector("input.pagefind-ui__search-input");
    if (input) { input.setAttribute("aria-label", box.getAttribute("data-label")); }
    else if (tries++ < 50) { setTimeout(label, 20); }
  })();
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { ui.triggerSearch(q); }
})();
