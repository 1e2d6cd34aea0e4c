// Click a header of a table.sortable to sort by that column; click again to reverse. Cells may carry
// data-sort (a number, or "" for no value, which always sorts last); otherwise their text is compared.
(function () {
  "use strict";
  function key(cell) {
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    if (raw === "") return null;
    var num = Number(raw);
    return isNaN(num) ? raw.toLowerCase() : num;
  }
  function compare(a, b) {
    if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
    return typeof a === "number" ? -1 : 1;
  }
  function sortBy(table, th, col) {
    var asc = th.getAttribute("aria-sort") !== "ascending";
    if (!th.hasAttribute("aria-sort") && th.getAttribute("data-first") === "desc") asc = false;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (row, i) { return { row: row, key: key(row.cells[col]), i: i }; });
    keyed.sort(function (x, y) {
      if (x.key === null || y.key === null) {
        if (x.key === y.key) return x.i - y.i;
        return x.key === null ? 1 : -1;  // missing values last in both directions
      }
      var c = compare(x.key, y.key);
      return (asc ? c : -c) || x.i - y.i;  // stable: equal keys keep their order
    });
    keyed.forEach(function (k) { body.appendChild(k.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(table, th, col); });
      th.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); sortBy(table, th, col); }
      });
    });
  });
})();
