/* factsite search page: Pagefind's UI over this language's own index; ?q= runs a search. */
(function () {
  var ui = new PagefindUI({ element: "#fs-search", showSubResults: true, showImages: false,
                            resetStyles: false });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { ui.triggerSearch(q); }
})();
