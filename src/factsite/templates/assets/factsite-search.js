/* factsite search page: this language's Pagefind index through Pagefind's JS API, drawn in the
   theme's own markup. pagefind.js (13 KB gzip) loads with the first query, never before; the
   index and its fragments are fetched as the query needs them. ?q= runs a search. */
(function () {
  "use strict";
  var form = document.getElementById("fs-search");
  if (!form) { return; }
  var input = form.querySelector("input[type=search]");
  var status = document.getElementById("fs-search-status");
  var list = document.getElementById("fs-search-results");
  var more = document.getElementById("fs-search-more");
  var say = form.dataset, PAGE = 10, engine = null, results = [], shown = 0, run = 0;

  function pagefind() {
    if (!engine) { engine = import(new URL(say.index, document.baseURI).href); }
    return engine;
  }
  function text(template, n, q) {
    return template.replace("{n}", n.toLocaleString(document.documentElement.lang))
      .replace("{q}", q);
  }
  function item(data) {
    var li = document.createElement("li"), a = document.createElement("a"), p;
    li.className = "fs-search__result";
    a.className = "fs-search__link";
    a.href = data.url;
    a.textContent = (data.meta && data.meta.title) || data.url;
    li.appendChild(a);
    p = document.createElement("p");
    p.className = "fs-search__excerpt";
    p.innerHTML = data.excerpt;  // Pagefind's own excerpt of our page: escaped text and <mark>
    li.appendChild(p);
    var subs = (data.sub_results || []).filter(function (s) { return s.url !== data.url; });
    if (subs.length) {
      var ul = document.createElement("ul");
      subs.slice(0, 3).forEach(function (s) {
        var sub = document.createElement("li"), link = document.createElement("a");
        link.href = s.url;
        link.textContent = s.title;
        sub.appendChild(link);
        ul.appendChild(sub);
      });
      li.appendChild(ul);
    }
    return li;
  }
  function showMore(mine) {
    var next = results.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = shown >= results.length;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (all) {
      if (mine !== run) { return; }
      all.forEach(function (data) { list.appendChild(item(data)); });
    });
  }
  function search(q) {
    var mine = ++run;
    q = q.trim();
    list.textContent = "";
    more.hidden = true;
    if (!q) { status.textContent = ""; return; }
    status.textContent = say.searching;
    pagefind().then(function (pf) { return pf.search(q); }).then(function (found) {
      if (mine !== run) { return; }
      results = found.results;
      shown = 0;
      var n = results.length;
      status.textContent = text(n === 0 ? say.none : n === 1 ? say.one : say.many, n, q);
      return showMore(mine);
    }).catch(function (err) {
      status.textContent = say.failed;
      console.warn("search failed:", err);
    });
  }
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 250);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    search(input.value);
  });
  more.addEventListener("click", function () { showMore(run); });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; search(q); }
})();
