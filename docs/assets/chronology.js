/* The readers' site in the browser: the Leaflet maps and the chronology's filters.
 *
 * Runs on every page Material shows, including after an instant navigation (Material's
 * `document$` emits each new page). Without JavaScript, pages read as plain lists: a map
 * block is a link to its data and the filters stay hidden.
 */
(function () {
  "use strict";

  var TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  var ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';
  var FILTERS = ["year", "type", "actor", "place"];
  var maps = [];
  var geojson = {};

  function words(text) {
    return (text || "").split(/\s+/).filter(Boolean);
  }

  // --- maps ------------------------------------------------------------------------------

  function load(url) {
    if (!geojson[url]) {
      geojson[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + ": HTTP " + response.status);
        return response.json();
      });
      geojson[url].catch(function () { delete geojson[url]; });
    }
    return geojson[url];
  }

  /* The event page of a feature: the GeoJSON gives its path under the site root with
     directory URLs; the link to the chronology tells whether the site uses them. */
  function pageOf(feature, root, directoryUrls) {
    var page = feature.properties.page || "events/" + feature.id + "/";
    return new URL(directoryUrls ? page : page.replace(/\/$/, ".html"), root).href;
  }

  function popup(feature, href) {
    var p = feature.properties;
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = href;
    link.textContent = p.title;
    box.appendChild(link);
    var where = p.location_name;
    if (p.pin === false) where += " (placed at " + (p.precision_label || "").toLowerCase() + " level: " + p.located_at + ")";
    var facts = [p.date_start === p.date_end ? p.date_start : p.date_start + " – " + p.date_end, where];
    if (p.fatalities !== null && p.fatalities !== undefined) facts.push(p.fatalities + " killed");
    var line = document.createElement("div");
    line.textContent = facts.join(" · ");
    box.appendChild(line);
    return box;
  }

  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var icon = L.divIcon({
      html: "<div><span>" + count + "</span></div>",
      className: "marker-cluster marker-cluster-" + size,
      iconSize: L.point(40, 40)
    });
    return icon;
  }

  function wanted(container) {
    var only = words(container.getAttribute("data-events"));
    var places = words(container.getAttribute("data-places"));
    return function (feature) {
      if (only.length && only.indexOf(feature.id) < 0) return false;
      return !places.length || places.indexOf(feature.properties.location) >= 0;
    };
  }

  function drawMap(container) {
    var dataLink = container.querySelector("a[data-map-data]");
    var pagesLink = container.querySelector("a[data-map-pages]");
    if (!dataLink || typeof L === "undefined" || container.querySelector(".chron-map__canvas")) return;
    var root = new URL("../", dataLink.href);
    var directoryUrls = !(pagesLink && /\.html$/.test(new URL(pagesLink.href).pathname));
    var small = container.classList.contains("chron-map--small");

    var canvas = document.createElement("div");
    canvas.className = "chron-map__canvas";
    canvas.setAttribute("role", "region");
    canvas.setAttribute("aria-label", "Map of the incidents");
    container.insertBefore(canvas, container.firstChild);
    var map = L.map(canvas, { scrollWheelZoom: false });
    maps.push(map);
    L.tileLayer(TILES, { attribution: ATTRIBUTION, maxZoom: 18 }).addTo(map);

    load(dataLink.href).then(function (data) {
      var features = data.features.filter(wanted(container));
      var markers = L.markerClusterGroup({
        showCoverageOnHover: false, maxClusterRadius: 40, iconCreateFunction: clusterIcon
      });
      /* A place known only to its district, region or country is a circle that says
         "somewhere here", never a pin on a point that would look exact. */
      var areas = L.featureGroup();
      features.forEach(function (feature) {
        var c = feature.geometry.coordinates;
        var p = feature.properties;
        var layer = p.pin === false
          ? L.circle([c[1], c[0]], { radius: (p.radius_km || 50) * 1000, weight: 1, dashArray: "4 4",
                                     fillOpacity: 0.08, className: "chron-map__area" })
          : L.marker([c[1], c[0]], { title: p.title, alt: p.title });
        layer.bindPopup(popup(feature, pageOf(feature, root, directoryUrls)));
        (p.pin === false ? areas : markers).addLayer(layer);
      });
      map.addLayer(areas);
      map.addLayer(markers);
      var bounds = L.latLngBounds(features.map(function (feature) {
        return [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
      }));
      if (!bounds.isValid()) {
        map.setView([0, 0], 1);
      } else if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
        map.setView(bounds.getCenter(), small ? 8 : 7);
      } else {
        map.fitBounds(bounds, { padding: [24, 24], maxZoom: 9 });
      }
    }).catch(function (error) {
      var note = document.createElement("p");
      note.className = "chron-map__problem";
      note.textContent = "The map could not be drawn: " + error.message;
      container.replaceChild(note, canvas);
      console.error(error);
    });
  }

  /* Maps of pages left by an instant navigation hold listeners on the window: free them. */
  function removeStaleMaps() {
    maps = maps.filter(function (map) {
      if (document.body.contains(map.getContainer())) return true;
      map.remove();
      return false;
    });
  }

  // --- filters ---------------------------------------------------------------------------

  function setUpFilters(form) {
    if (form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "yes");
    var content = form.closest("article") || document.body;
    var links = Array.prototype.slice.call(content.querySelectorAll("a[data-event]"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var status = form.querySelector(".chron-filters__status");

    function chosen() {
      var out = {};
      selects.forEach(function (select) { if (select.value) out[select.name] = select.value; });
      return out;
    }

    function matches(link, c) {
      return (!c.year || link.getAttribute("data-year") === c.year) &&
        (!c.type || link.getAttribute("data-type") === c.type) &&
        (!c.actor || words(link.getAttribute("data-actors")).indexOf(c.actor) >= 0) &&
        (!c.place || words(link.getAttribute("data-places")).indexOf(c.place) >= 0);
    }

    function showHeadings() {
      content.querySelectorAll("table").forEach(function (table) {
        if (!table.querySelector("a[data-event]")) return;
        var visible = table.querySelector("tbody tr:not([hidden])") !== null;
        var block = table.closest(".md-typeset__scrollwrap") || table;
        table.hidden = !visible;
        block.hidden = !visible;
        var heading = block.previousElementSibling;
        if (heading && /^H[23]$/.test(heading.tagName)) heading.hidden = !visible;
      });
      content.querySelectorAll("h2").forEach(function (year) {
        if (!/^\d{4}$/.test(year.id)) return;
        var any = false;
        for (var el = year.nextElementSibling; el && el.tagName !== "H2"; el = el.nextElementSibling) {
          if (el.tagName === "H3" && !el.hidden) any = true;
        }
        year.hidden = !any;
      });
    }

    function apply() {
      var c = chosen();
      var shown = 0;
      links.forEach(function (link) {
        var ok = matches(link, c);
        link.closest("tr").hidden = !ok;
        if (ok) shown += 1;
      });
      showHeadings();
      status.textContent = Object.keys(c).length === 0
        ? "Showing all " + links.length + " incidents."
        : shown === 0 ? "No incident matches these filters."
        : "Showing " + shown + " of " + links.length + " incidents.";
    }

    function readUrl() {
      var params = new URLSearchParams(location.search);
      selects.forEach(function (select) {
        var value = params.get(select.name) || "";
        var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
        select.value = known ? value : "";
      });
    }

    function writeUrl() {
      var params = new URLSearchParams(location.search);
      var c = chosen();
      FILTERS.forEach(function (name) {
        if (c[name]) params.set(name, c[name]); else params.delete(name);
      });
      var query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    form.addEventListener("change", function () { apply(); writeUrl(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { apply(); writeUrl(); }, 0);
    });
    readUrl();
    form.hidden = false;
    apply();
  }

  // --- every page ------------------------------------------------------------------------

  /* The theme's search box is a dialog with no name; screen readers announce it by this. */
  function nameTheSearch() {
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
  }

  function onPage() {
    nameTheSearch();
    removeStaleMaps();
    document.querySelectorAll(".chron-map").forEach(drawMap);
    document.querySelectorAll("form.chron-filters").forEach(setUpFilters);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
