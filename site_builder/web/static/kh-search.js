// The Pagefind search box of the home and search pages (web/templates/_macros.j2, search_box).
// Each element with data-kh-search gets a PagefindUI; data-base-url is the site root relative to the page.
// Ranking: a long page (a whole plan) is not pushed below a short criterion page that only shares word
// prefixes ("bien" in "biện pháp"), so a query naming a school's name or place finds its pages first
// (tests/e2e/browser/test_search.py searches with these same options).
window.KH_PAGEFIND_OPTIONS = {ranking: {termSimilarity: 3.0, pageLength: 0.5}};
// A large site is indexed in parts (publish/search.py): pagefind/parts.json lists the other bundles, which
// the search box merges into the main one at query time.
function khSearchParts(base) {
  return fetch(base + "pagefind/parts.json").then(function (r) { return r.ok ? r.json() : {}; })
    .then(function (m) { return (m.bundles || []).map(function (b) { return {bundlePath: base + b}; }); })
    .catch(function () { return []; });
}
window.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-kh-search]").forEach(function (box) {
    var base = new URL(box.dataset.baseUrl, location.href).pathname;
    khSearchParts(base).then(function (parts) { khSearchBox(box, base, parts); });
  });
});
function khSearchBox(box, base, parts) {
  new PagefindUI({
    ranking: window.KH_PAGEFIND_OPTIONS.ranking,  // options PagefindUI does not know go to Pagefind itself
    mergeIndex: parts.map(function (p) { return Object.assign({ranking: window.KH_PAGEFIND_OPTIONS.ranking}, p); }),
    element: "#" + box.id,
    baseUrl: base,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    translations: {
      placeholder: "Tìm kế hoạch, trường, tiêu chí… (gõ không dấu cũng được)",
      zero_results: "Không tìm thấy kết quả cho [SEARCH_TERM]",
      many_results: "[COUNT] kết quả cho [SEARCH_TERM]",
      one_result: "1 kết quả cho [SEARCH_TERM]",
      load_more: "Xem thêm kết quả",
      search_label: "Tìm kiếm trên trang này",
      filters_label: "Bộ lọc",
      clear_search: "Xóa"
    }
  });
  (function label() {
    var input = box.querySelector(".pagefind-ui__search-input");
    if (input) { input.setAttribute("aria-label", "Tìm kế hoạch, trường, tiêu chí"); } else { requestAnimationFrame(label); }
  })();
}
