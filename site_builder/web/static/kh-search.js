// The Pagefind search box of the home and search pages (web/templates/_macros.j2, search_box).
// Each element with data-kh-search gets a PagefindUI; data-base-url is the site root relative to the page.
window.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-kh-search]").forEach(function (box) {
    new PagefindUI({
      element: "#" + box.id,
      baseUrl: new URL(box.dataset.baseUrl, location.href).pathname,
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
  });
});
