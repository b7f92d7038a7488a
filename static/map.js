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

  // Lambert-93 back to longitude/latitude (inverse of geokit's projection, GRS80).
  var A = 6378137, E = 0.0818191910428158, LON0 = 3, LAT0 = 46.5, LAT1 = 44, LAT2 = 49, X0 = 700000, Y0 = 6600000;
  function rad(d) { return d * Math.PI / 180; }
  function m(p) { return Math.cos(p) / Math.sqrt(1 - E * E * Math.sin(p) * Math.sin(p)); }
  function t(p) { return Math.tan(Math.PI / 4 - p / 2) / Math.pow((1 - E * Math.sin(p)) / (1 + E * Math.sin(p)), E / 2); }
  var N = (Math.log(m(rad(LAT1))) - Math.log(m(rad(LAT2)))) / (Math.log(t(rad(LAT1))) - Math.log(t(rad(LAT2))));
  var AF = A * m(rad(LAT1)) / (N * Math.pow(t(rad(LAT1)), N));
  var RHO0 = AF * Math.pow(t(rad(LAT0)), N);
  function toLonLat(x, y) {
    var dx = x - X0, dy = Y0 + RHO0 - y;
    var rho = Math.sqrt(dx * dx + dy * dy), theta = Math.atan2(dx, dy);
    var tt = Math.pow(rho / AF, 1 / N), phi = Math.PI / 2 - 2 * Math.atan(tt);
    for (var i = 0; i < 8; i += 1) {
      phi = Math.PI / 2 - 2 * Math.atan(tt * Math.pow((1 - E * Math.sin(phi)) / (1 + E * Math.sin(phi)), E / 2));
    }
    return [theta / N * 180 / Math.PI + LON0, phi * 180 / Math.PI];
  }

  // Click-to-place: a map with data-place="lat lon status select" writes the clicked point into
  // the form, marks it, and clears the commune list (the point decides the commune).
  function setupPlacing(frame) {
    var ids = frame.getAttribute("data-place").split(" ");
    var lat = document.getElementById(ids[0]), lon = document.getElementById(ids[1]);
    var status = document.getElementById(ids[2]), select = document.getElementById(ids[3]);
    var svg = frame.querySelector("svg");
    var parts = (svg.getAttribute("data-frame") || "").split(" ").map(Number);
    if (parts.length < 4) return;
    var marker = null;
    svg.addEventListener("click", function (e) {
      e.preventDefault();
      var r = svg.getBoundingClientRect(), box = svg.viewBox.baseVal;
      var sx = box.x + (e.clientX - r.left) / r.width * box.width;
      var sy = box.y + (e.clientY - r.top) / r.height * box.height;
      var x = (sx - parts[3]) / parts[2] + parts[0], y = parts[1] - (sy - parts[3]) / parts[2];
      var ll = toLonLat(x, y);
      lon.value = ll[0].toFixed(6); lat.value = ll[1].toFixed(6);
      if (select) select.value = "";
      var shape = e.target.closest("path");
      var title = shape && shape.querySelector("title");
      var name = title ? title.textContent : "";
      status.textContent = (fr ? "Lieu placé sur la carte" : "Place set on the map") + (name ? " : " + name : "") + ".";
      if (!marker) {
        marker = document.createElementNS("http://www.w3.org/2000/svg", "circle");
        marker.setAttribute("r", "7"); marker.setAttribute("class", "place-marker");
        svg.appendChild(marker);
      }
      marker.setAttribute("cx", sx); marker.setAttribute("cy", sy);
    }, true);
    if (select) select.addEventListener("change", function () {
      lat.value = ""; lon.value = ""; status.textContent = "";
      if (marker) { marker.remove(); marker = null; }
    });
  }

  // Click-to-choose: a map with data-pick="select" data-codes="code…" (one code per shape, in
  // drawing order) chooses the clicked place in the list (a commune, or an IRIS where their
  // boundaries are drawn), or for a commune drawn whole the first IRIS of its group, and says
  // so. The list stays the way to answer from the keyboard; without the script the map stays
  // hidden.
  function setupPicking(frame) {
    var field = frame.getAttribute("data-pick");
    var select = document.getElementById(field), status = document.getElementById(field + "-picked");
    var svg = frame.querySelector("svg");
    if (!select || !svg) return;
    var codes = frame.getAttribute("data-codes").split(" ");
    var shapes = Array.prototype.slice.call(svg.querySelectorAll(".map-shapes path"));
    function optionFor(code) {
      var found = null;
      Array.prototype.forEach.call(select.options, function (o) { if (!found && o.value === code) found = o; });
      if (found) return found;
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (g) {
        if (!found && g.getAttribute("data-commune") === code) found = g.querySelector("option");
      });
      return found;
    }
    function mark() {
      var chosen = select.options[select.selectedIndex];
      var group = chosen && chosen.parentNode.tagName === "OPTGROUP" ? chosen.parentNode.getAttribute("data-commune") : null;
      var value = chosen ? chosen.value : "";
      // The chosen place's own shape where it is drawn, else its commune's.
      var code = codes.indexOf(value) >= 0 ? value : group || value;
      shapes.forEach(function (shape, i) { shape.classList.toggle("picked", codes[i] === code); });
    }
    svg.addEventListener("click", function (e) {
      var shape = e.target.closest(".map-shapes path");
      if (!shape) return;
      var option = optionFor(codes[shapes.indexOf(shape)]);
      if (!option) {
        var title = shape.querySelector("title");
        if (status) status.textContent = (title ? title.textContent + " : " : "") + (fr ? "rien à choisir dans la liste pour cette commune." : "nothing to choose in the list for this commune.");
        return;
      }
      select.value = option.value;
      mark();
      if (status) status.textContent = (fr ? "Choisi sur la carte : " : "Chosen on the map: ") + option.textContent + ".";
    });
    select.addEventListener("change", function () { mark(); if (status) status.textContent = ""; });
    frame.hidden = false;
    mark();
  }

  document.querySelectorAll("[data-map]").forEach(setup);
  document.querySelectorAll("[data-pick]").forEach(setupPicking);
  document.querySelectorAll("[data-place]").forEach(setupPlacing);
})();
