/* Evidence page behaviour (framing-analysis): details on hover/focus, layer filters, speaker selection.
   All data comes from the JSON block #evidence and is written with textContent only, never as markup. */
(function () {
  "use strict";
  var root = document.getElementById("text");
  var blob = document.getElementById("evidence");
  if (!root || !blob) { return; }
  var data = JSON.parse(blob.textContent);
  var ev = data.ev || {};
  var speakers = data.speakers || [];
  var panel = document.getElementById("detail");
  var panelBody = document.getElementById("detail-body");
  var controls = document.getElementById("controls");
  var status = document.getElementById("status");
  var removed = document.getElementById("removed");
  var spkButtons = Array.prototype.slice.call(document.querySelectorAll("button.spk"));
  var selected = null;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function say(text) { if (status) { status.textContent = text; } }

  function show(target) {
    var marks = [];
    for (var n = target; n && n !== root; n = n.parentNode) {
      if (n.nodeType === 1 && n.hasAttribute("data-ev")) { marks.push(n); }
    }
    if (!marks.length || !panelBody) { return; }
    panelBody.textContent = "";
    marks.forEach(function (m) {
      var e = ev[m.getAttribute("data-ev")];
      if (!e) { return; }
      var box = el("section");
      box.appendChild(el("h3", e.title));
      var dl = el("dl");
      (e.fields || []).forEach(function (f) {
        dl.appendChild(el("dt", f[0]));
        var dd = el("dd");
        dd.appendChild(el("bdi", f[1]));
        dl.appendChild(dd);
      });
      box.appendChild(dl);
      if (e.spk !== undefined && e.spk !== null && speakers[e.spk]) {
        var b = el("button", "Highlight every attribution to " + speakers[e.spk].name);
        b.type = "button";
        b.addEventListener("click", function () { selectSpeaker(e.spk, true); });
        box.appendChild(b);
      }
      panelBody.appendChild(box);
    });
  }

  function selectSpeaker(i, keep) {
    selected = (selected === i && !keep) ? null : i;
    var count = 0;
    root.classList.toggle("spk-on", selected !== null);
    Array.prototype.forEach.call(root.querySelectorAll("mark.att"), function (m) {
      var on = selected !== null && m.getAttribute("data-spk") === String(selected);
      m.classList.toggle("sel", on);
      if (on && !m.classList.contains("cont")) { count += 1; }
    });
    spkButtons.forEach(function (b) {
      b.setAttribute("aria-pressed", String(selected !== null && b.getAttribute("data-spk") === String(selected)));
    });
    say(selected === null ? "No speaker selected." :
      speakers[selected].name + ": " + count + " attribution" + (count === 1 ? "" : "s") + " highlighted.");
  }

  function hidden(m) {
    if (m.classList.contains("off")) { return true; }
    if (m.classList.contains("att")) { return root.classList.contains("hide-att"); }
    if (m.classList.contains("lt")) { return root.classList.contains("hide-lt"); }
    if (m.classList.contains("act")) { return root.classList.contains("hide-act"); }
    return false;
  }

  function updateFocus() {
    Array.prototype.forEach.call(root.querySelectorAll("[data-ev][tabindex]"), function (m) {
      m.setAttribute("tabindex", hidden(m) ? "-1" : "0");
    });
  }

  function onFilter(e) {
    var t = e.target;
    if (!t || t.type !== "checkbox") { return; }
    var layer = t.getAttribute("data-layer");
    if (layer === "sent") { root.classList.toggle("shade", t.checked); }
    else if (layer === "labels") { root.classList.toggle("no-labels", !t.checked); }
    else if (layer === "removed") { if (removed) { removed.hidden = !t.checked; } }
    else if (layer) { root.classList.toggle("hide-" + layer, !t.checked); }
    var kind = t.getAttribute("data-kind");
    if (kind !== null) {
      Array.prototype.forEach.call(root.querySelectorAll('mark.att[data-k="' + kind.replace(/[^0-9]/g, "") + '"]'),
        function (m) { m.classList.toggle("off", !t.checked); });
    }
    var cat = t.getAttribute("data-cat");
    if (cat !== null) {
      Array.prototype.forEach.call(root.querySelectorAll('mark.lt[data-cat="' + cat.replace(/[^0-9]/g, "") + '"]'),
        function (m) { m.classList.toggle("off", !t.checked); });
    }
    updateFocus();
  }

  if (controls) { controls.hidden = false; controls.addEventListener("change", onFilter); }
  if (panel) { panel.hidden = false; }
  var closer = document.getElementById("detail-toggle");
  if (closer && panelBody) {
    closer.addEventListener("click", function () {
      panelBody.hidden = !panelBody.hidden;
      closer.setAttribute("aria-expanded", String(!panelBody.hidden));
      closer.textContent = panelBody.hidden ? "Show evidence" : "Hide";
    });
  }
  root.addEventListener("mouseover", function (e) { show(e.target); });
  root.addEventListener("focusin", function (e) { show(e.target); });
  root.addEventListener("click", function (e) {
    for (var n = e.target; n && n !== root; n = n.parentNode) {
      if (n.nodeType === 1 && n.classList.contains("att") && n.hasAttribute("data-spk")) {
        selectSpeaker(Number(n.getAttribute("data-spk")));
        return;
      }
    }
  });
  root.addEventListener("keydown", function (e) {
    var t = e.target;
    if ((e.key === "Enter" || e.key === " ") && t.classList && t.classList.contains("att") && t.hasAttribute("data-spk")) {
      e.preventDefault();
      selectSpeaker(Number(t.getAttribute("data-spk")));
    }
  });
  spkButtons.forEach(function (b) {
    b.addEventListener("click", function () { selectSpeaker(Number(b.getAttribute("data-spk"))); });
  });
  document.documentElement.setAttribute("data-ready", "1");
}());
