/* Corpus index (framing-analysis): sort, filter and page through every article.
   Rows come from the JSON block #index-data and are written with textContent only. */
(function () {
  "use strict";
  var blob = document.getElementById("index-data");
  if (!blob) { return; }
  var data = JSON.parse(blob.textContent);
  var cols = data.columns, rows = data.rows, files = data.files;
  var tbody = document.getElementById("ix-body");
  var head = document.getElementById("ix-head");
  var q = document.getElementById("ix-q");
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-col]"));
  var sizeSel = document.getElementById("ix-size");
  var info = document.getElementById("ix-info");
  var prev = document.getElementById("ix-prev"), next = document.getElementById("ix-next");
  var pageBox = document.getElementById("ix-page");
  var state = { sort: null, dir: 1, page: 0, size: 50 };
  var view = [];
  var hay = rows.map(function (r) {
    return cols.map(function (c, i) { return c.type === "num" ? "" : String(r[i] === null ? "" : r[i]); })
      .join("\u0001").toLowerCase();
  });
  var fmt = typeof Intl !== "undefined" ? new Intl.NumberFormat("en", { maximumFractionDigits: 3 }) : null;

  document.getElementById("ix").hidden = false;

  function cell(c, v, i) {
    var td = document.createElement("td");
    if (c.type === "num") {
      td.className = "num";
      td.textContent = (v === null || v === undefined) ? "" : (fmt ? fmt.format(v) : String(v));
    } else if (c.type === "link") {
      var a = document.createElement("a");
      a.setAttribute("href", files[i]);
      var b = document.createElement("bdi");
      b.textContent = String(v === null ? "" : v);
      a.appendChild(b);
      td.appendChild(a);
    } else {
      var t = document.createElement("bdi");
      t.textContent = String(v === null || v === undefined ? "" : v);
      td.appendChild(t);
    }
    return td;
  }

  function apply() {
    var needle = q.value.trim().toLowerCase();
    var eq = selects.map(function (s) { return [Number(s.getAttribute("data-col")), s.value]; })
      .filter(function (p) { return p[1] !== ""; });
    view = [];
    for (var i = 0; i < rows.length; i++) {
      if (needle && hay[i].indexOf(needle) < 0) { continue; }
      var ok = true;
      for (var k = 0; k < eq.length; k++) {
        if (String(rows[i][eq[k][0]] === null ? "" : rows[i][eq[k][0]]) !== eq[k][1]) { ok = false; break; }
      }
      if (ok) { view.push(i); }
    }
    if (state.sort !== null) {
      var s = state.sort, d = state.dir, num = cols[s].type === "num";
      view.sort(function (a, b) {
        var x = rows[a][s], y = rows[b][s];
        if (x === null || x === "") { return (y === null || y === "") ? a - b : 1; }
        if (y === null || y === "") { return -1; }
        var r = num ? x - y : String(x).localeCompare(String(y));
        return r !== 0 ? r * d : a - b;
      });
    }
    state.page = Math.min(state.page, Math.max(0, Math.ceil(view.length / state.size) - 1));
    draw();
  }

  function draw() {
    var start = state.page * state.size, end = Math.min(view.length, start + state.size);
    var frag = document.createDocumentFragment();
    for (var j = start; j < end; j++) {
      var i = view[j], tr = document.createElement("tr");
      for (var c = 0; c < cols.length; c++) { tr.appendChild(cell(cols[c], rows[i][c], i)); }
      frag.appendChild(tr);
    }
    tbody.textContent = "";
    tbody.appendChild(frag);
    var pages = Math.max(1, Math.ceil(view.length / state.size));
    info.textContent = (view.length ? ("Articles " + (start + 1) + "–" + end + " of " + view.length) : "No article matches") +
      (view.length !== rows.length ? " (filtered from " + rows.length + ")" : "") + ".";
    pageBox.value = String(state.page + 1);
    pageBox.max = String(pages);
    document.getElementById("ix-pages").textContent = String(pages);
    prev.disabled = state.page === 0;
    next.disabled = state.page >= pages - 1;
  }

  Array.prototype.forEach.call(head.querySelectorAll("th"), function (th, k) {
    var btn = th.querySelector("button");
    if (!btn) { return; }
    btn.addEventListener("click", function () {
      if (state.sort === k) { state.dir = -state.dir; } else { state.sort = k; state.dir = cols[k].type === "num" ? -1 : 1; }
      Array.prototype.forEach.call(head.querySelectorAll("th"), function (o) { o.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", state.dir === 1 ? "ascending" : "descending");
      apply();
    });
  });
  q.addEventListener("input", function () { state.page = 0; apply(); });
  selects.forEach(function (s) { s.addEventListener("change", function () { state.page = 0; apply(); }); });
  sizeSel.addEventListener("change", function () { state.size = Number(sizeSel.value) || 50; state.page = 0; apply(); });
  prev.addEventListener("click", function () { if (state.page > 0) { state.page -= 1; draw(); } });
  next.addEventListener("click", function () { state.page += 1; draw(); });
  pageBox.addEventListener("change", function () {
    var p = Math.floor(Number(pageBox.value)) - 1;
    if (!isNaN(p)) { state.page = Math.max(0, Math.min(p, Math.ceil(view.length / state.size) - 1)); draw(); }
  });
  apply();
  document.documentElement.setAttribute("data-ready", "1");
}());
