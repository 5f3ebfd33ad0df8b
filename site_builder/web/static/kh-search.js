// The Pagefind search box. The site generator lists this file in extra_javascript, so every page
// loads it from the right URL whatever its depth. It takes the site root from its own URL (it lives in
// assets/, one level down) and Pagefind's files from the box's data-kh-pagefind-css/-js attributes
// (site-relative paths from site_builder/paths.py), so no page has to spell a path relative to itself.
// Ranking: a long page (a whole plan) is not pushed below a short criterion page that only shares word
// prefixes ("bien" in "biện pháp"), so a query naming a school's name or place finds its pages first
// (tests/e2e/browser/test_search.py searches with these same options).
window.KH_PAGEFIND_OPTIONS = {ranking: {termSimilarity: 3.0, pageLength: 0.5}};
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var root = new URL("../", script.src);
  var translations = {
    placeholder: "Tìm kế hoạch, trường, tiêu chí… (gõ không dấu cũng được)",
    zero_results: "Không tìm thấy kết quả cho [SEARCH_TERM]",
    many_results: "[COUNT] kết quả cho [SEARCH_TERM]",
    one_result: "1 kết quả cho [SEARCH_TERM]",
    load_more: "Xem thêm kết quả",
    search_label: "Tìm kiếm trên trang này",
    filters_label: "Bộ lọc",
    clear_search: "Xóa"
  };

  function label(box) {
    var input = box.querySelector(".pagefind-ui__search-input");
    if (input) {
      input.setAttribute("aria-label", "Tìm kế hoạch, trường, tiêu chí");
    } else {
      requestAnimationFrame(function () { label(box); });
    }
  }

  // A large site is indexed in parts (publish/search.py): pagefind/parts.json lists the other bundles,
  // which the search box merges into the main one at query time.
  function parts() {
    return fetch(new URL("pagefind/parts.json", root).href)
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (m) {
        return (m.bundles || []).map(function (b) {
          return {bundlePath: new URL(b, root).pathname, ranking: window.KH_PAGEFIND_OPTIONS.ranking};
        });
      })
      .catch(function () { return []; });
  }

  function start(boxes, merged) {
    document.querySelectorAll(".kh-search-fallback").forEach(function (note) { note.hidden = true; });
    boxes.forEach(function (box) {
      new window.PagefindUI({
        ranking: window.KH_PAGEFIND_OPTIONS.ranking,  // options PagefindUI does not know go to Pagefind itself
        mergeIndex: merged,
        element: "#" + box.id,
        baseUrl: root.pathname,
        showSubResults: true,
        showImages: false,
        resetStyles: false,
        translations: translations
      });
      label(box);
    });
  }

  function load() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".kh-search[id]"));
    if (!boxes.length) { return; }
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL(boxes[0].dataset.khPagefindCss, root).href;
    document.head.appendChild(css);
    var ui = document.createElement("script");
    ui.src = new URL(boxes[0].dataset.khPagefindJs, root).href;
    ui.onload = function () { parts().then(function (merged) { start(boxes, merged); }); };
    document.head.appendChild(ui);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", load);
  } else {
    load();
  }
})();
