// Zoom and pan for the server-drawn SVG maps. Without this script the maps still show whole;
// with it: buttons, drag to pan, Ctrl + wheel to zoom, and + / - / arrows / 0 on the focused map.
(function () {
  "use strict";
  var fr = document.documentElement.lang !== "en";
  var labels = fr
    ? { zin: "Zoomer", zout: "Dézoomer", reset: "Vue d'ensemble", hint: "Carte : + et − pour zoomer, flèches pour se déplacer." }
    : { zin: "Zoom in", zout: "Zoom out", reset: "Whole map", hint: "Map: + and − to zoom, arrows to move." };

  function setup(frame) {
    var svg = frame.querySelector("svg");
    if (!svg) return;
    var start = svg.viewBox.baseVal;
    var home = { x: start.x, y: start.y, w: start.width, h: start.height };
    var view = { x: home.x, y: home.y, w: home.w, h: home.h };

    function apply() {
      svg.setAttribute("viewBox", view.x + " " + view.y + " " + view.w + " " + view.h);
    }
    function zoom(factor, cx, cy) {
      var w = Math.min(home.w, Math.max(home.w / 16, view.w * factor));
      var h = w * home.h / home.w;
      if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
      view.x = cx - (cx - view.x) * (w / view.w);
      view.y = cy - (cy - view.y) * (h / view.h);
      view.w = w; view.h = h;
      clamp(); apply();
    }
    function pan(dx, dy) { view.x += dx; view.y += dy; clamp(); apply(); }
    function clamp() {
      view.x = Math.min(Math.max(view.x, home.x - view.w / 2), home.x + home.w - view.w / 2);
      view.y = Math.min(Math.max(view.y, home.y - view.h / 2), home.y + home.h - view.h / 2);
    }
    function reset() { view = { x: home.x, y: home.y, w: home.w, h: home.h }; apply(); }

    var bar = document.createElement("div");
    bar.className = "map-controls";
    [["+", labels.zin, function () { zoom(0.6); }], ["−", labels.zout, function () { zoom(1 / 0.6); }], ["⤢", labels.reset, reset]]
      .forEach(function (spec) {
        var b = document.createElement("button");
        b.type = "button"; b.className = "map-button"; b.textContent = spec[0];
        b.setAttribute("aria-label", spec[1]); b.title = spec[1];
        b.addEventListener("click", spec[2]);
        bar.appendChild(b);
      });
    frame.insertBefore(bar, svg);
    frame.setAttribute("tabindex", "0");
    frame.setAttribute("aria-label", labels.hint);

    function toMap(event) {
      var r = svg.getBoundingClientRect();
      return { x: view.x + (event.clientX - r.left) / r.width * view.w, y: view.y + (event.clientY - r.top) / r.height * view.h };
    }
    svg.addEventListener("wheel", function (e) {
      if (!e.ctrlKey) return;
      e.preventDefault();
      var p = toMap(e);
      zoom(e.deltaY < 0 ? 0.8 : 1.25, p.x, p.y);
    }, { passive: false });
    var drag = null;
    svg.addEventListener("pointerdown", function (e) {
      if (view.w >= home.w) return;
      drag = { x: e.clientX, y: e.clientY, moved: false };
    });
    window.addEventListener("pointermove", function (e) {
      if (!drag) return;
      var r = svg.getBoundingClientRect();
      var dx = (e.clientX - drag.x) / r.width * view.w, dy = (e.clientY - drag.y) / r.height * view.h;
      if (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 3) drag.moved = true;
      drag.x = e.clientX; drag.y = e.clientY;
      pan(-dx, -dy);
    });
    window.addEventListener("pointerup", function () { setTimeout(function () { drag = null; }, 0); });
    svg.addEventListener("click", function (e) { if (drag && drag.moved) e.preventDefault(); }, true);
    frame.addEventListener("keydown", function (e) {
      if (e.target !== frame) return;
      var step = view.w / 8;
      var actions = {
        "+": function () { zoom(0.6); }, "=": function () { zoom(0.6); }, "-": function () { zoom(1 / 0.6); },
        "0": reset, ArrowLeft: function () { pan(-step, 0); }, ArrowRight: function () { pan(step, 0); },
        ArrowUp: function () { pan(0, -step); }, ArrowDown: function () { pan(0, step); }
      };
      if (actions[e.key]) { e.preventDefault(); actions[e.key](); }
    });
  }

  document.querySelectorAll("[data-map]").forEach(setup);
})();
