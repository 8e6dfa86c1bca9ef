/* The readers' site in the browser: the Leaflet maps and the filter of the whole chronology.
 *
 * Runs on every page Material shows, including after an instant navigation (Material's
 * `document$` emits each new page). Without JavaScript, pages read as plain lists: a map
 * block is a link to its data and the filter stays hidden.
 *
 * Both read one compact file of every event (builder/site/sitedata.py writes it), loaded
 * once per visit, and draw on the base layer shipped with the site (Natural Earth); map
 * tiles are drawn only when the page names a tile server (mkdocs.yml, extra.chronology).
 * An event is drawn where the file puts its place, with that point's precision: a pin for a
 * town or a site, a dashed circle for a place known only to its district, region or country.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 100; // events the filter lists at a time
  var FILTERS = ["from", "to", "type", "actor", "place", "killed"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  var maps = [];
  var files = {};

  function words(text) {
    return (text || "").split(/\s+/).filter(Boolean);
  }

  function load(url) {
    if (!files[url]) {
      files[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + ": HTTP " + response.status);
        return response.json();
      });
      files[url].catch(function () { delete files[url]; });
    }
    return files[url];
  }

  // --- the chronology's data -------------------------------------------------------------

  /* The rows of the data file as events, with where the map puts their place (its own
     coordinates, else those of the nearest place it lies within that has some), how precisely,
     and the ids of the places they lie within; worked out once per file. */
  function chronology(url) {
    var key = "chronology " + url;
    if (!files[key]) {
      files[key] = load(url).then(function (raw) {
        var col = {};
        raw.columns.forEach(function (name, i) { col[name] = i; });
        var chains = raw.places.map(function () { return null; });
        function chain(i) {
          if (i < 0) return [];
          if (!chains[i]) {
            chains[i] = [];
            var seen = {};
            for (var j = i; j >= 0 && !seen[j]; j = raw.places[j][4]) {
              seen[j] = true;
              chains[i].push(raw.places[j][0]);
            }
          }
          return chains[i];
        }
        var precisions = raw.precisions || [];
        var events = raw.events.map(function (row) {
          var place = row[col.place];
          var p = place >= 0 ? raw.places[place] : null;
          var precision = p && p[5] >= 0 ? precisions[p[5]] : null;
          var at = p && p[6] >= 0 ? raw.places[p[6]] : null;
          return {
            id: row[col.id], title: row[col.title], start: row[col.start],
            end: row[col.end] || row[col.start], when: row[col.when], type: row[col.type],
            place: place, placeName: p ? p[1] : "", places: chain(place),
            lat: p ? p[2] : null, lon: p ? p[3] : null,
            /* a place known only to its district, region or country: a circle this wide, no pin */
            area: precision && precision[2] === 0 ? { label: precision[1], km: precision[3] || 50,
                                                      at: at ? at[1] : "" } : null,
            actors: row[col.actors],
            killed: row[col.killed], injured: row[col.injured], draft: row[col.draft] === 1
          };
        });
        return { raw: raw, events: events, root: new URL(raw.root, url) };
      });
    }
    return files[key];
  }

  function dayWords(iso) {
    var parts = iso.split("-");
    return parseInt(parts[2], 10) + " " + MONTHS[parseInt(parts[1], 10) - 1] + " " + parts[0];
  }

  function dateWords(event) {
    return event.when || dayWords(event.start);
  }

  /* A toll: a number, [low, high] when the sources disagree, or null when unknown. */
  function tollText(toll) {
    return Array.isArray(toll) ? toll[0] + "–" + toll[1] : String(toll);
  }

  function highest(toll) {
    return Array.isArray(toll) ? toll[1] : toll;
  }

  function tollWords(event) {
    var out = [];
    if (event.killed !== null && event.killed !== undefined) out.push(tollText(event.killed) + " killed");
    if (event.injured !== null && event.injured !== undefined) out.push(tollText(event.injured) + " injured");
    return out.join(", ");
  }

  /* The address of an event's page: the data file says where pages are under the root; the
     link to the chronology tells whether the site uses directory URLs. */
  function pageOf(event, data, directoryUrls) {
    var page = data.raw.event_page.replace("{id}", event.id);
    return new URL(directoryUrls ? page : page.replace(/\/$/, ".html"), data.root).href;
  }

  /* The place in words; with `precisely`, how precisely the map places it when it is no pin
     ("K1 Air Base, placed at country level: Iraq"). */
  function placeWords(event, precisely) {
    var area = event.area;
    if (!precisely || !area) return event.placeName;
    return event.placeName + ", placed at " + area.label.toLowerCase() + " level" +
      (area.at && area.at !== event.placeName ? ": " + area.at : "");
  }

  function facts(event, precisely) {
    return [dateWords(event), placeWords(event, precisely), tollWords(event), event.draft ? "draft" : ""]
      .filter(Boolean).join(" · ");
  }

  function eventLink(event, href) {
    var link = document.createElement("a");
    link.href = href;
    link.textContent = event.title;
    return link;
  }

  // --- maps ------------------------------------------------------------------------------

  var LAND = { color: "#8c8c8c", weight: 0.7, fillColor: "#f3f1ea", fillOpacity: 1, interactive: false };
  var RIVERS = { color: "#6fa3cf", weight: 1, opacity: 0.8, fill: false, interactive: false };
  var LAKES = { color: "#6fa3cf", weight: 0.5, fillColor: "#cfe2f0", fillOpacity: 1, interactive: false };

  /* The base layer: countries, rivers and lakes, from the TopoJSON file shipped with the site. */
  function drawBase(map, url) {
    return load(url).then(function (topology) {
      if (typeof topojson === "undefined") throw new Error("topojson-client is missing");
      var renderer = L.canvas({ padding: 0.5, pane: "basemap" });
      var layers = [["countries", LAND], ["lakes", LAKES], ["rivers", RIVERS]];
      layers.forEach(function (pair) {
        var object = topology.objects[pair[0]];
        if (!object) return;
        L.geoJSON(topojson.feature(topology, object),
                  { style: pair[1], renderer: renderer, pane: "basemap" }).addTo(map);
      });
      map.getContainer().setAttribute("data-base-drawn", "yes");
    });
  }

  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    return L.divIcon({
      html: "<div><span>" + count + "</span></div>",
      className: "marker-cluster marker-cluster-" + size,
      iconSize: L.point(40, 40)
    });
  }

  function wanted(container) {
    var only = words(container.getAttribute("data-events"));
    var places = words(container.getAttribute("data-places"));
    return function (event) {
      if (event.lat === null || event.lon === null) return false;
      if (only.length && only.indexOf(event.id) < 0) return false;
      return !places.length || places.indexOf(event.places[0]) >= 0;
    };
  }

  /* A map in `container`: its base layer, and a `show(events)` that puts those events on it. */
  function drawMap(container) {
    var dataLink = container.querySelector("a[data-map-data]");
    var baseLink = container.querySelector("a[data-map-base]");
    var pagesLink = container.querySelector("a[data-map-pages]");
    if (!dataLink || typeof L === "undefined" || container.querySelector(".chron-map__canvas")) return null;
    var directoryUrls = !(pagesLink && /\.html$/.test(new URL(pagesLink.href).pathname));
    var small = container.classList.contains("chron-map--small");

    var canvas = document.createElement("div");
    canvas.className = "chron-map__canvas";
    canvas.setAttribute("role", "region");
    canvas.setAttribute("aria-label", "Map of the incidents");
    container.insertBefore(canvas, container.firstChild);
    var map = L.map(canvas, { scrollWheelZoom: false, worldCopyJump: true, minZoom: 2, maxZoom: 12 });
    map.createPane("basemap").style.zIndex = 150;
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    map.attributionControl.addAttribution('<a href="https://www.naturalearthdata.com/">Natural Earth</a>');
    maps.push(map);
    var tiles = container.getAttribute("data-tiles");
    if (tiles) {
      L.tileLayer(tiles, { attribution: container.getAttribute("data-tiles-attribution") || "", maxZoom: 18 }).addTo(map);
    }
    if (baseLink) {
      drawBase(map, baseLink.href).catch(function (error) { problem(container, canvas, error); });
    }
    /* A place known only to its district, region or country is a dashed circle in its type's
       colour that says "somewhere here", under the pins and never clustered: never a pin on
       a point that would look exact. */
    var areas = L.featureGroup();
    map.addLayer(areas);
    var markers = L.markerClusterGroup({
      showCoverageOnHover: false, maxClusterRadius: 40, iconCreateFunction: clusterIcon, chunkedLoading: true
    });
    map.addLayer(markers);
    var made = {};
    var state = { data: null };

    function marker(event) {
      if (!made[event.id]) {
        var m = event.area
          ? L.circle([event.lat, event.lon], {
              radius: event.area.km * 1000, weight: 1.5, dashArray: "4 4", fillOpacity: 0.08,
              className: "chron-map__area chron-type-" + event.type
            })
          : L.marker([event.lat, event.lon], {
              icon: L.divIcon({ className: "chron-marker chron-type-" + event.type, iconSize: [14, 14] }),
              title: event.title, alt: event.title, keyboard: true
            });
        m.bindPopup(function () {
          var box = document.createElement("div");
          box.appendChild(eventLink(event, pageOf(event, state.data, directoryUrls)));
          var line = document.createElement("div");
          line.textContent = facts(event, true);
          box.appendChild(line);
          return box;
        });
        made[event.id] = m;
      }
      return made[event.id];
    }

    function show(events) {
      markers.clearLayers();
      areas.clearLayers();
      markers.addLayers(events.filter(function (e) { return !e.area; }).map(marker));
      events.forEach(function (e) { if (e.area) areas.addLayer(marker(e)); });
      var bounds = L.latLngBounds(events.map(function (e) { return [e.lat, e.lon]; }));
      if (!bounds.isValid()) {
        map.setView([30, 40], 3);
      } else if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
        map.setView(bounds.getCenter(), small ? 7 : 6);
      } else {
        map.fitBounds(bounds, { padding: [24, 24], maxZoom: 8 });
      }
      container.setAttribute("data-markers", String(events.length));
    }

    var ready = chronology(dataLink.href).then(function (data) {
      state.data = data;
      show(data.events.filter(wanted(container)));
      return { show: show, data: data, directoryUrls: directoryUrls };
    });
    ready.catch(function (error) { problem(container, canvas, error); });
    return ready;
  }

  function problem(container, canvas, error) {
    var note = document.createElement("p");
    note.className = "chron-map__problem";
    note.textContent = "The map could not be drawn: " + error.message;
    if (canvas.parentNode === container) container.replaceChild(note, canvas);
    console.error(error);
  }

  /* Maps of pages left by an instant navigation hold listeners on the window: free them. */
  function removeStaleMaps() {
    maps = maps.filter(function (map) {
      if (document.body.contains(map.getContainer())) return true;
      map.remove();
      return false;
    });
  }

  // --- the filter of the whole chronology -------------------------------------------------

  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  function fillChoices(form, data) {
    var raw = data.raw;
    var types = raw.types.map(function () { return 0; });
    var actors = raw.actors.map(function () { return 0; });
    var places = {};
    data.events.forEach(function (e) {
      types[e.type] = (types[e.type] || 0) + 1;
      e.actors.forEach(function (a) { actors[a] += 1; });
      e.places.forEach(function (p) { places[p] = (places[p] || 0) + 1; });
    });
    var select = form.elements.type;
    raw.types.forEach(function (t, i) { if (types[i]) option(select, t[0], t[1] + " (" + types[i] + ")"); });
    select = form.elements.actor;
    raw.actors.forEach(function (a, i) { if (actors[i]) option(select, a[0], a[1] + " (" + actors[i] + ")"); });
    select = form.elements.place;
    raw.places.forEach(function (p) { if (places[p[0]]) option(select, p[0], p[1] + " (" + places[p[0]] + ")"); });
  }

  function setUpFilter(form, mapReady, dataUrl) {
    if (form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "yes");
    var content = form.closest("article") || document.body;
    var results = content.querySelector(".chron-results");
    var list = results.querySelector(".chron-results__list");
    var more = results.querySelector(".chron-results__more");
    var status = form.querySelector(".chron-filters__status");
    var typeSlugs = {};
    var state = { matching: [], shown: 0, data: null, map: null };

    function chosen() {
      var out = {};
      FILTERS.forEach(function (name) {
        var value = form.elements[name].value.trim();
        if (value) out[name] = value;
      });
      return out;
    }

    function matches(c, actorIndex) {
      var type = c.type ? typeSlugs[c.type] : -1;
      var killed = c.killed ? parseInt(c.killed, 10) : 0;
      return function (e) {
        return (!c.from || e.end >= c.from) && (!c.to || e.start <= c.to) &&
          (type < 0 || e.type === type) &&
          (actorIndex < 0 || e.actors.indexOf(actorIndex) >= 0) &&
          (!c.place || e.places.indexOf(c.place) >= 0) &&
          (!killed || (e.killed !== null && highest(e.killed) >= killed));
      };
    }

    function showMore() {
      var data = state.data;
      var directoryUrls = state.map ? state.map.directoryUrls : true;
      var stop = Math.min(state.matching.length, state.shown + PAGE_SIZE);
      var fragment = document.createDocumentFragment();
      for (var i = state.shown; i < stop; i++) {
        var e = state.matching[i];
        var item = document.createElement("li");
        item.appendChild(eventLink(e, pageOf(e, data, directoryUrls)));
        var line = document.createElement("span");
        line.className = "chron-results__facts";
        line.textContent = facts(e);
        item.appendChild(line);
        fragment.appendChild(item);
      }
      list.appendChild(fragment);
      state.shown = stop;
      more.hidden = state.shown >= state.matching.length;
      more.textContent = "Show " + Math.min(PAGE_SIZE, state.matching.length - state.shown) + " more";
    }

    function apply() {
      var data = state.data;
      var c = chosen();
      var actorIndex = -1;
      if (c.actor) data.raw.actors.forEach(function (a, i) { if (a[0] === c.actor) actorIndex = i; });
      var all = data.events;
      state.matching = all.filter(matches(c, actorIndex)).reverse(); // newest first
      var located = state.matching.filter(function (e) { return e.lat !== null && e.lon !== null; });
      if (state.map) state.map.show(located);
      list.textContent = "";
      state.shown = 0;
      showMore();
      results.hidden = false;
      var n = state.matching.length;
      var onMap = located.length + " on the map";
      status.textContent = Object.keys(c).length === 0
        ? "Showing all " + all.length + " incidents (" + onMap + ")."
        : n === 0 ? "No incident matches these filters."
        : "Showing " + n + " of " + all.length + " incidents (" + onMap + ").";
      form.setAttribute("data-matching", String(n));
    }

    function readUrl() {
      var params = new URLSearchParams(location.search);
      FILTERS.forEach(function (name) {
        var field = form.elements[name];
        var value = params.get(name) || "";
        if (field.tagName === "SELECT") {
          var known = Array.prototype.some.call(field.options, function (o) { return o.value === value; });
          value = known ? value : "";
        }
        field.value = value;
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

    Promise.all([chronology(dataUrl), mapReady || Promise.resolve(null)]).then(function (found) {
      state.data = found[0];
      state.map = found[1];
      state.data.raw.types.forEach(function (t, i) { typeSlugs[t[0]] = i; });
      fillChoices(form, state.data);
      form.addEventListener("change", function () { apply(); writeUrl(); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("reset", function () {
        setTimeout(function () { apply(); writeUrl(); }, 0);
      });
      more.addEventListener("click", showMore);
      readUrl();
      form.hidden = false;
      apply();
    }).catch(function (error) {
      status.textContent = "The filter could not load the chronology: " + error.message;
      console.error(error);
    });
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
    var ready = [];
    document.querySelectorAll(".chron-map").forEach(function (container) {
      ready.push({ container: container, map: drawMap(container) });
    });
    document.querySelectorAll("form.chron-filters").forEach(function (form) {
      var article = form.closest("article") || document.body;
      var found = ready.filter(function (r) { return article.contains(r.container); })[0];
      var dataLink = article.querySelector(".chron-map a[data-map-data]");
      if (dataLink) setUpFilter(form, found ? found.map : null, dataLink.href);
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
