// Carte Orientation 28 — the maps' JavaScript side, loaded (`defer`) on every page after
// Leaflet and Supercluster, before the WASM.
//
// Two jobs, one place for each look:
// - what every map of the site is made of — the frame on Eure-et-Loir, the background (tiles
//   when configured, otherwise the commune outlines; the four areas with their names), pins and
//   clusters, and the clustering itself (Supercluster). The WASM calls these
//   (`app/src/leaflet_map/base.rs`, `clustering.rs`), so a pin or cluster drawn here before the
//   WASM and one drawn by it are the same.
// - on the map page, the **preview**: on a first visit the WASM takes seconds to download,
//   compile and hydrate on a phone, and the map would stay empty meanwhile. This script draws
//   the view's pins as soon as the page is parsed: it reads the `/api/pins` payload the page's
//   head preloads, decodes it (`domain/pins.rs` writes it) and clusters it with the function
//   the WASM clusters with (`clusterIndex`). When the WASM mounts its map it adopts this one
//   (view, background and controls stay), takes the payload instead of fetching it again, and
//   replaces the preview's markers by its own in the same task: no flash, no double markers.
//   Preview markers are neither focusable nor clickable: they are a picture until the WASM
//   brings the real ones (popups, keyboard).
// - before either, the server's **sketch** (`server/src/map_sketch.rs`): the same clusters and
//   pins in plain HTML, shown from the moment the page arrives. Whichever draws markers first,
//   the preview or the WASM, removes it in the same task (`endSketch`).
(function () {
  'use strict';

  /** Cluster radius in screen pixels and tile extent (the WASM and the server too, `domain/cluster_options.rs`). */
  const CLUSTER_RADIUS = 45;
  const CLUSTER_EXTENT = 256;
  /** Payload layout version (`PIN_FORMAT_VERSION`): another one is left to the WASM. */
  const PIN_FORMAT_VERSION = 3;

  /** The map's own words, in the page's language (`<html lang>`: English under /en). */
  const ENGLISH = document.documentElement.lang === 'en';
  const WORDS = ENGLISH ? {
    zoomIn: 'Zoom in', zoomOut: 'Zoom out', newTab: ' (new tab)', close: 'Close', toCheck: ' (needs checking)',
    pin: 'Initiative: ', clusterSaid: ' initiatives, zoom in to see them', clusterTitle: ' initiatives: zoom in to see them',
  } : {
    zoomIn: 'Zoomer', zoomOut: 'Dézoomer', newTab: ' (nouvel onglet)', close: 'Fermer', toCheck: ' (à vérifier)',
    pin: 'Initiative : ', clusterSaid: ' initiatives, zoomer pour les voir', clusterTitle: ' initiatives : zoomer pour les voir',
  };

  function meta(name) {
    const element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute('content') : '';
  }

  /** The département's frame the server wrote: south, west, north, east, and the margin the
   *  pin payload's quantisation adds on each side. */
  function frame() {
    const [south, west, north, east, margin] = meta('carte-cadre').split(' ').map(Number);
    return { south, west, north, east, margin };
  }

  /** The box the pin payload's positions are quantised in: the frame and its margin (`SOUTH`…
   *  in `domain/pins.rs`). The page's decoding and the worker's (`fetchedPins`) read the same
   *  positions from it, to the bit. */
  function payloadBox() {
    const f = frame();
    return { south: f.south - f.margin, north: f.north + f.margin, west: f.west - f.margin, east: f.east + f.margin };
  }

  /** The highest zoom: without tiles, zooming past a town's scale shows a blank page. */
  function maxZoom() {
    return meta('carte-tile-url') ? 18 : 13;
  }

  /** A new map in `element`, its controls labelled in the page's language, a plain-text Leaflet credit. */
  function newMap(element) {
    const map = L.map(element, { minZoom: 7, maxZoom: maxZoom(), zoomSnap: 0.25, zoomControl: false });
    L.control.zoom({ zoomInTitle: WORDS.zoomIn, zoomOutTitle: WORDS.zoomOut }).addTo(map);
    // Inside a partner's frame (the embed page), an outside link opens a new tab.
    const framed = window.self !== window.top;
    map.attributionControl.setPrefix('<a href="https://leafletjs.com"' +
      (framed ? ' target="_blank" rel="noopener">Leaflet<span class="sr-only">' + WORDS.newTab + '</span>' : '>Leaflet') + '</a>');
    // Leaflet labels its popups' close button in English.
    map.on('popupopen', function () {
      const button = element.querySelector('.leaflet-popup-close-button');
      if (button) {
        button.setAttribute('aria-label', WORDS.close);
        button.setAttribute('title', WORDS.close);
      }
    });
    followContainerSize(element, map);
    if (element.classList.contains('map--overview')) overview = map;
    return map;
  }

  /** The map page's map, once made (`clusterIndexLater` reads its zoom). */
  let overview = null;

  /** Tells Leaflet its container's size once it has one. A map created in a page the router
   *  is still assembling measures 0 × 0, then turns clicks into wrong positions and draws only a
   *  corner. Later changes are left alone: Leaflet follows the window itself, and re-measuring
   *  on every layout shift would redraw the markers under the pointer. */
  function followContainerSize(element, map) {
    const observer = new ResizeObserver(function () {
      const size = map.getSize();
      if (size.x === 0 || size.y === 0) map.invalidateSize(false);
    });
    observer.observe(element);
    map.on('unload', function () { observer.disconnect(); });
  }

  /** Frames `map` on the whole département. */
  function showDepartment(map) {
    const f = frame();
    map.fitBounds([[f.south, f.west], [f.north, f.east]]);
  }

  /** Tiles if configured; the commune outlines if not; the four areas with their names always,
   *  from local files so the map reads offline. */
  function drawBackground(map) {
    const tileUrl = meta('carte-tile-url');
    const withTiles = tileUrl !== '';
    if (withTiles) {
      L.tileLayer(tileUrl, { attribution: meta('carte-tile-attribution'), maxZoom: 19 }).addTo(map);
    }
    // A map removed before its outlines arrive (the person went to another page) takes none:
    // Leaflet throws when a layer is added to a removed map.
    let removed = false;
    map.on('unload', function () { removed = true; });
    fetchJson('/data/bassins28.geojson').then(function (areas) {
      if (areas && !removed) drawAreas(map, areas, withTiles);
    });
    if (!withTiles) {
      fetchJson('/data/communes28.geojson').then(function (communes) {
        if (!communes || removed) return;
        const style = { color: '#8f9aa6', weight: 0.6, fill: false };
        // Communes go under the areas' outlines whichever file arrived first.
        L.geoJSON(communes, { style: style, interactive: false }).addTo(map).bringToBack();
      });
    }
  }

  /** Each area's outline, lightly filled when there are no tiles, and its name at its centre.
   *  The names have a pane of their own above the pins and clusters (Leaflet's marker pane is
   *  600, tooltips 650): a cluster at an area's centre no longer hides its name, and the pane
   *  takes no pointer events, so a click on the name reaches the pin or cluster under it. */
  function drawAreas(map, areas, withTiles) {
    if (!map.getPane('area-labels')) {
      const pane = map.createPane('area-labels');
      pane.style.zIndex = 625;
      pane.style.pointerEvents = 'none';
    }
    for (const feature of areas.features || []) {
      const style = { color: '#1d4e89', weight: 2.5, fillColor: '#dbe6f2', fillOpacity: withTiles ? 0 : 0.45 };
      const layer = L.geoJSON(feature, { style: style, interactive: false }).addTo(map);
      const name = document.createElement('span');
      name.className = 'area-label__text';
      name.textContent = (feature.properties && feature.properties.bassin) || '';
      const label = L.divIcon({ className: 'area-label', html: name, iconSize: null });
      L.marker(layer.getBounds().getCenter(), { icon: label, interactive: false, keyboard: false, pane: 'area-labels' })
        .addTo(map);
    }
  }

  function fetchJson(url) {
    return fetch(url)
      .then(function (response) {
        if (!response.ok) throw new Error(url + ' a répondu ' + response.status);
        return response.json();
      })
      .catch(function (error) {
        console.error('carte : ' + error.message);
        return null;
      });
  }

  /** A pin of the CSS colour `colour`; « à vérifier » pins are dashed and said so. */
  function pinMarker(lat, lon, colour, title, interactive, toCheck) {
    const body = document.createElement('span');
    body.className = 'pin__body';
    body.setAttribute('style', '--pin-colour: ' + colour);
    const icon = L.divIcon({
      className: toCheck ? 'pin pin--a-verifier' : 'pin',
      html: body,
      iconSize: [28, 36],
      iconAnchor: [14, 36],
      popupAnchor: [0, -32],
    });
    const marker = L.marker([lat, lon], {
      icon: icon,
      title: toCheck ? title + WORDS.toCheck : title,
      keyboard: interactive,
      interactive: interactive,
      riseOnHover: true,
    });
    // Its name is the initiative's title, in its holder's French: said so on English pages.
    if (ENGLISH) {
      marker.on('add', function () {
        const element = marker.getElement();
        if (element) element.setAttribute('lang', 'fr');
      });
    }
    return marker;
  }

  /** A cluster: its count, and for screen readers what activating it does. */
  function clusterMarker(lat, lng, count, interactive) {
    const size = count < 10 ? 'small' : count < 100 ? 'medium' : count < 1000 ? 'large' : 'huge';
    const icon = L.divIcon({
      html: '<span class="marker-cluster__count">' + count + '</span>' +
        '<span class="sr-only">' + WORDS.clusterSaid + '</span>',
      className: 'marker-cluster marker-cluster--' + size,
      iconSize: [44, 44],
    });
    return L.marker([lat, lng], {
      icon: icon,
      title: count + WORDS.clusterTitle,
      keyboard: interactive,
      interactive: interactive,
    });
  }

  /** The clustering of the map page's pins, the preview's and the WASM's alike
   *  (`app/src/leaflet_map/clustering.rs`): an index of the points `coordinates` holds
   *  (longitude then latitude of each pin, in the pin set's order; a pin's number in that order
   *  is how the index names it) that answers as a Supercluster index for every zoom of the map
   *  (`withCloseUp`). */
  function clusterIndex(coordinates) {
    // On a first visit the WASM clusters the very pins the preview did (the payload it was
    // handed): the preview's index serves, instead of indexing 50 000 pins twice.
    const kept = preview && preview.clustered;
    if (kept && samePoints(kept.coordinates, coordinates)) {
      preview.clustered = null;
      return kept.index;
    }
    const wide = buildIndex(coordinates, clusterOptions());
    // The WASM hands a view of its own memory, valid only during this call: what is kept is a copy.
    return maxZoom() < CLOSE_UP_FROM ? wide : withCloseUp(wide, coordinates.slice());
  }

  /** A Supercluster index of `coordinates` with `options`. */
  function buildIndex(coordinates, options) {
    const points = new Array(coordinates.length >> 1);
    for (let n = 0; n < points.length; n++) points[n] = pinFeature(coordinates, n);
    return new Supercluster(options).load(points);
  }

  /** The first zoom of the **close-up index**. A view opens on the département, an area or a
   *  town, zooms 13 and under: those are clustered by the **wide index**, from the pins
   *  themselves at zoom 14 (Supercluster's `maxZoom` 13). A map with tiles goes on to the
   *  streets, zooms 14 to 18, which a second index clusters (`withCloseUp`). One index over all
   *  zooms, as before, cost a view of 50 000 pins 250 ms rather than 60 (bench/RESULTS.md,
   *  twenty-first session): Supercluster builds each zoom from the next closer one, and these
   *  five hold nearly every pin apart. The wide index is the same with or without tiles, so
   *  is the server's sketch (`server/src/map_sketch.rs`). */
  const CLOSE_UP_FROM = 14;

  /** The wide index's options (the close-up index's: `closeUpOptions`). */
  function clusterOptions() {
    return { radius: CLUSTER_RADIUS, extent: CLUSTER_EXTENT, minZoom: 0, maxZoom: Math.min(maxZoom(), CLOSE_UP_FROM - 1) };
  }

  function closeUpOptions() {
    return { radius: CLUSTER_RADIUS, extent: CLUSTER_EXTENT, minZoom: CLOSE_UP_FROM, maxZoom: maxZoom() };
  }

  /** The wide index `wide` of `coordinates` (kept by this index), with the close-up index
   *  behind it: one index for every zoom of a map with tiles. The close-up index is built the
   *  first time one of its zooms is asked for: most visitors never zoom that far. A large view's
   *  comes from the clustering worker, when it is up: asked with the view when the map shows
   *  zoom 13 or closer (`closeUpLater`, a promise of it), or once the map reaches zoom 13.
   *  Clusters of either index keep their Supercluster ids, which say which index made them. */
  function withCloseUp(wide, coordinates, closeUpLater) {
    const pins = coordinates.length >> 1;
    let closeUp = null;
    const near = function () {
      return closeUp || (closeUp = buildIndex(coordinates, closeUpOptions()));
    };
    // The worker's, unless the map needed it first (or the worker failed: then null).
    const adopt = function (later) {
      index.closeUpAhead = later.then(function (built) { closeUp = closeUp || built; });
    };
    const ahead = function () {
      const offThread = window.carte28.offThread;
      if (closeUp || index.closeUpAhead || pins < OFF_THREAD_FROM || !offThread || offThread.state !== 'ready') return;
      adopt(offThread.index(coordinates, closeUpOptions(), true));
    };
    // A cluster's id holds the zoom it was made at, plus one (Supercluster's `_getOriginZoom`).
    const madeBy = function (cluster) {
      return (cluster - pins) % 32 > CLOSE_UP_FROM ? near() : wide;
    };
    const pinsOf = function (index, cluster) {
      return index.getLeaves(cluster, Infinity).map(function (leaf) { return leaf.properties.n; });
    };
    const index = {
      /** A promise of the close-up index from the worker, once asked (tests wait for it). */
      closeUpAhead: null,
      getClusters: function (bbox, zoom) {
        if (zoom >= CLOSE_UP_FROM) return near().getClusters(bbox, zoom);
        if (zoom >= CLOSE_UP_FROM - 1) ahead();
        return wide.getClusters(bbox, zoom);
      },
      getLeaves: function (cluster, limit, offset) {
        return madeBy(cluster).getLeaves(cluster, limit, offset);
      },
      getClusterExpansionZoom: function (cluster) {
        const holder = madeBy(cluster);
        const zoom = holder.getClusterExpansionZoom(cluster);
        if (holder !== wide || zoom < CLOSE_UP_FROM) return zoom;
        // Its pins hold together at every zoom of the wide index. Pins at one place never part.
        const mine = pinsOf(wide, cluster);
        const [lng, lat] = [coordinates[2 * mine[0]], coordinates[2 * mine[0] + 1]];
        if (mine.every(function (n) { return coordinates[2 * n] === lng && coordinates[2 * n + 1] === lat; })) {
          return maxZoom() + 1;
        }
        // Otherwise they part at the first close-up zoom where no one cluster holds them all
        // (one may hold others too: the close-up index groups the pins anew, from zoom 18 up).
        // A cluster's centre is within a few radii of its pins.
        for (let at = CLOSE_UP_FROM; at <= maxZoom(); at++) {
          const reach = 4 * CLUSTER_RADIUS / (CLUSTER_EXTENT * Math.pow(2, at)) * 360;
          const together = near().getClusters([lng - reach, lat - reach, lng + reach, lat + reach], at).some(function (spot) {
            if (!spot.properties.cluster || spot.properties.point_count < mine.length) return false;
            const theirs = new Set(pinsOf(near(), spot.properties.cluster_id));
            return mine.every(function (n) { return theirs.has(n); });
          });
          if (!together) return at;
        }
        return maxZoom() + 1;
      },
    };
    if (closeUpLater) adopt(closeUpLater);
    return index;
  }

  /** Pin `n` of `coordinates` as the index answers it: its number in `properties.n`. */
  function pinFeature(coordinates, n) {
    return { type: 'Feature', properties: { n: n }, geometry: { type: 'Point', coordinates: [coordinates[2 * n], coordinates[2 * n + 1]] } };
  }

  /** Views of at least this many pins are clustered off the main thread (`clusterIndexLater`).
   *  Below it the clustering takes a few milliseconds, less than the worker's round trip. */
  const OFF_THREAD_FROM = 2000;

  /** The index `clusterIndex` builds, as a promise. A large view's is built in a worker
   *  (`clustering-off-thread.js`) while the main thread draws the new view's list, which arrives
   *  with its pins: built here, 50 000 pins held the main thread 40 to 80 ms at a filter change,
   *  the page answering no tap, key or scroll meanwhile (its longest task 60 to 130 ms; under
   *  50 with the worker: bench/RESULTS.md, eighteenth session). It is built here, at once, for a
   *  small view, for the preview's pins the WASM adopts, and until the worker is up to speed.
   *  `zoom`: the zoom the map shows the view at (the tests give theirs; the WASM none).
   *  When the server's sketch of these very points comes first (`sketchAhead`; `checksum`, the
   *  points' `points_checksum`, which the WASM sums as it lists them, says so), the promise
   *  gives it first: an index that answers `clusterSpots` at one zoom, whose `later` is the
   *  promise of the index. The worker holds the view's pins meanwhile (`hold`), and indexes
   *  them once the page is idle after drawing the sketch, or at once without it
   *  (`offThread.indexHeld`). */
  function clusterIndexLater(coordinates, zoom = overview ? Math.floor(overview.getZoom()) : 0, checksum) {
    const offThread = window.carte28.offThread;
    const sketch = sketchAhead && offThread.sketchOf(sketchAhead, coordinates.length >> 1, checksum, function () {
      return Math.floor(overview.getZoom());
    });
    sketchAhead = null;
    const index = indexLater(coordinates, zoom);
    if (offThread) offThread.indexHeld(sketch);
    return sketch ? Promise.race([index, sketch.then(function (drawn) {
      return drawn ? Object.assign(drawn, { later: index }) : index;
    })]) : index;
  }

  function indexLater(coordinates, zoom) {
    const large = coordinates.length >> 1 >= OFF_THREAD_FROM && !(preview && preview.clustered);
    const offThread = window.carte28.offThread;
    const early = ahead;
    ahead = null;
    if (large && offThread && offThread.state === 'ready') {
      // The WASM hands a view of its own memory, valid only during this call: the worker gets a copy.
      const points = coordinates.slice();
      const asked = function () { return offThread.index(points, clusterOptions()); };
      // The index the worker built from the view's payload, when it is of these very points.
      const wide = early ? early.then(function (built) {
        return built && samePoints(built.points, points) ? built.index : asked();
      }) : asked();
      if (maxZoom() < CLOSE_UP_FROM) return wide;
      // A map at zoom 13 or closer (`zoom`: the map page's, floored) will need the close-up
      // index soon, or at once: asked of the worker with the wide one, and, from zoom 14, waited for.
      const closeUp = zoom >= CLOSE_UP_FROM - 1 ? offThread.index(points, closeUpOptions(), true) : null;
      return wide.then(function (built) {
        const index = withCloseUp(built, points, closeUp);
        return zoom >= CLOSE_UP_FROM ? index.closeUpAhead.then(function () { return index; }) : index;
      });
    }
    // After a change of view (the map shows one already), once it is drawn: a worker coming up
    // to speed meanwhile would slow its drawing.
    if (large && document.querySelector('#carte[data-pins]')) startOffThread(500, true);
    return Promise.resolve(clusterIndex(coordinates));
  }

  /** A large view's wide index as the clustering worker builds it from the view's payload,
   *  which it fetched (`fetchedPins`): a promise of `{points, index}` or of null, until
   *  `clusterIndexLater` takes it. Not tied to its view: the next `clusterIndexLater` takes it
   *  whatever its points, and uses it only for the same points (a view whose pins the page kept
   *  but whose clusters the map dropped, shown meanwhile, waits for it before asking: rare). */
  let ahead = null;

  /** Loads `clustering-off-thread.js`, which starts the worker (`carte28.offThread` then says
   *  how it stands), once, in `delay` ms (sooner or later than an earlier call when `postpone`):
   *  only visitors who filter a large map load it. Either after the first change to a large
   *  view, which the page clusters itself, or once the visitor of a large view has pointed at
   *  the filters with a mouse or moved into them with the keyboard for 300 ms: the worker then
   *  needs about 300 ms more to come up to speed, before they have picked a view. Never while a
   *  change is on its way, nor at a touch (a tap on a box is its change, at once): a worker
   *  warming up beside a change slowed it by a third to a half on a 2-core machine
   *  (bench/RESULTS.md). */
  let offThreadAsked = false;
  let offThreadSoon = 0;
  function startOffThread(delay, postpone) {
    if (offThreadAsked || (offThreadSoon && !postpone)) return;
    clearTimeout(offThreadSoon);
    offThreadSoon = setTimeout(function () {
      offThreadAsked = true;
      const script = document.createElement('script');
      script.src = '/clustering-off-thread.js';
      document.head.appendChild(script);
    }, delay);
  }

  function startBeforeFiltering(event) {
    const target = event.target;
    const map = document.getElementById('carte');
    if (!target.closest('form.filters')) return;
    if (event.type === 'change' || event.type === 'submit') {
      if (offThreadSoon) startOffThread(1000, true);
    } else if ((event.pointerType === 'mouse' || target.matches(':focus-visible'))
      && map && map.getAttribute('data-pins') >= OFF_THREAD_FROM) {
      startOffThread(300, false);
    }
  }
  ['pointerover', 'focusin', 'change', 'submit'].forEach(function (type) {
    document.addEventListener(type, startBeforeFiltering, true);
  });

  /** Whether two lists of coordinates are of the same points, to a centimetre. The WASM decodes
   *  the payload with the same arithmetic as `decodePins` today; the tolerance keeps a change to
   *  either decoder's last digits from making every first visit cluster twice. */
  function samePoints(a, b) {
    if (a.length !== b.length) return false;
    for (let n = 0; n < a.length; n++) if (Math.abs(a[n] - b[n]) > 1e-7) return false;
    return true;
  }

  /** The clusters and lone pins of `index` inside the box at `zoom`, four numbers each:
   *  longitude, latitude, then a cluster's id and count, or -1 and a pin's number. Flat, so
   *  that the WASM reads them in one copy rather than object by object. */
  function clusterSpots(index, west, south, east, north, zoom) {
    if (index.spotsAt) return index.spotsAt(west, south, east, north, zoom);
    const features = index.getClusters([west, south, east, north], zoom);
    const spots = new Float64Array(4 * features.length);
    features.forEach(function (feature, i) {
      const properties = feature.properties;
      spots[4 * i] = feature.geometry.coordinates[0];
      spots[4 * i + 1] = feature.geometry.coordinates[1];
      spots[4 * i + 2] = properties.cluster ? properties.cluster_id : -1;
      spots[4 * i + 3] = properties.cluster ? properties.point_count : properties.n;
    });
    return spots;
  }

  /** The numbers of the pins in cluster `id` of `index`, at most `limit`. */
  function clusterLeaves(index, id, limit) {
    return Uint32Array.from(index.getLeaves(id, limit, 0), function (leaf) { return leaf.properties.n; });
  }

  /** The pins of a payload written by `PinSet::encode` (postcard of `PinColumns`):
   *  `{kinds: [{code, label, labelEn, colour}], pins: [{lat, lon, kind, toCheck}]}`, or null when the
   *  bytes are of another version or malformed (the WASM then says what went wrong). */
  function decodePins(bytes) {
    let at = 0;
    const byte = function () {
      if (at >= bytes.length) throw new Error('données tronquées');
      return bytes[at++];
    };
    const varint = function () {
      let value = 0;
      for (let scale = 1; ; scale *= 128) {
        const b = byte();
        value += (b & 0x7f) * scale;
        if (b < 0x80) return value;
      }
    };
    const raw = function () {
      const length = varint();
      if (at + length > bytes.length) throw new Error('données tronquées');
      at += length;
      return bytes.subarray(at - length, at);
    };
    const utf8 = new TextDecoder();
    const text = function () { return utf8.decode(raw()); };
    const varints = function () {
      const values = new Array(varint());
      for (let n = 0; n < values.length; n++) values[n] = varint();
      return values;
    };
    try {
      if (byte() !== PIN_FORMAT_VERSION) return null;
      const kinds = new Array(varint());
      for (let n = 0; n < kinds.length; n++) kinds[n] = { code: text(), label: text(), labelEn: text(), colour: text() };
      const idGaps = varints();
      const kind = raw();
      const lat = raw();
      const lon = raw();
      const toCheckGaps = varints();
      const count = idGaps.length;
      if (kind.length !== count || lat.length !== 2 * count || lon.length !== 2 * count) return null;
      const toCheck = new Set();
      let id = 0;
      for (const gap of toCheckGaps) toCheck.add(id += gap);
      const { south, north, west, east } = payloadBox();
      const restore = function (column, n, min, max) {
        return min + (column[2 * n] | (column[2 * n + 1] << 8)) / 65535 * (max - min);
      };
      const pins = new Array(count);
      id = 0;
      for (let n = 0; n < count; n++) {
        id += idGaps[n];
        if (kind[n] >= kinds.length) return null;
        pins[n] = {
          lat: restore(lat, n, south, north),
          lon: restore(lon, n, west, east),
          kind: kinds[kind[n]],
          toCheck: toCheck.has(id),
        };
      }
      return { kinds: kinds, pins: pins };
    } catch (error) {
      return null;
    }
  }

  /** Removes the server's sketch of the map: markers of Leaflet's own stand in its place. */
  function endSketch() {
    document.querySelectorAll('.map-sketch').forEach(function (sketch) { sketch.remove(); });
  }

  /** The preview of the map page, while the WASM is on its way (see the top of this file). */
  let preview = null;

  function startPreview() {
    const element = document.getElementById('carte');
    const preload = document.querySelector('link[rel="preload"][as="fetch"][href^="/api/pins"]');
    if (!element || !preload || !element.classList.contains('map--overview')) return;
    // The WASM got here first (cached and quick): its map is the map.
    if (element.classList.contains('leaflet-container')) return;
    const map = newMap(element);
    const layer = L.layerGroup();
    const path = preload.getAttribute('href');
    preview = { element: element, map: map, layer: layer, path: path, payload: null, redraw: null, clustered: null };
    showDepartment(map);
    // The sketch is a picture of this view: once the map moves (or the window changes its
    // size: Leaflet keeps its centre, the sketch would follow the box), it is no more.
    map.once('movestart zoomstart resize', endSketch);
    drawBackground(map);
    layer.addTo(map);
    // Same request as the preload (same mode and credentials): the browser hands its answer.
    const payload = preview.payload = fetch(path)
      .then(function (response) { return response.ok ? response.arrayBuffer() : null; })
      .catch(function () { return null; });
    payload.then(function (buffer) {
      if (!buffer || !preview) return;
      const set = decodePins(new Uint8Array(buffer));
      if (!set || set.pins.length === 0) return;
      const coordinates = new Float64Array(2 * set.pins.length);
      set.pins.forEach(function (pin, n) {
        coordinates[2 * n] = pin.lon;
        coordinates[2 * n + 1] = pin.lat;
      });
      const index = clusterIndex(coordinates);
      preview.clustered = { coordinates: coordinates, index: index };
      const redraw = function () {
        // The same quarter-view margin as the WASM's redraw.
        const bounds = map.getBounds();
        const dlat = (bounds.getNorth() - bounds.getSouth()) / 4;
        const dlng = (bounds.getEast() - bounds.getWest()) / 4;
        const bbox = [bounds.getWest() - dlng, bounds.getSouth() - dlat, bounds.getEast() + dlng, bounds.getNorth() + dlat];
        const zoom = Math.max(0, Math.floor(map.getZoom()));
        layer.clearLayers();
        const spots = clusterSpots(index, bbox[0], bbox[1], bbox[2], bbox[3], zoom);
        for (let at = 0; at < spots.length; at += 4) {
          if (spots[at + 2] >= 0) {
            layer.addLayer(clusterMarker(spots[at + 1], spots[at], spots[at + 3], false));
          } else {
            const pin = set.pins[spots[at + 3]];
            layer.addLayer(pinMarker(pin.lat, pin.lon, pin.kind.colour, WORDS.pin + ((ENGLISH && pin.kind.labelEn) || pin.kind.label), false, pin.toCheck));
          }
        }
        endSketch();
      };
      preview.redraw = redraw;
      map.on('moveend', redraw);
      redraw();
    });
  }

  /** The preview's map if it lives in `element` (the WASM then adopts it), else null. */
  function adoptPreview(element) {
    return preview && preview.element === element ? preview.map : null;
  }

  /** The pin payload at `path` (`/api/pins?…`) when this script has it on its way, a promise of
   *  its bytes (an ArrayBuffer, or null if it failed); null otherwise, and the WASM fetches it
   *  (`map/pin_loader.rs`). Either the preview's (given once: later fetches go to the server),
   *  or, for the map's pins (`forTheMap`), the clustering worker's, once it is up with its
   *  WebAssembly (`carte28.offThread.fetchPins`): the worker indexes a large view's pins from
   *  the payload once it arrives (`ahead`), while the WASM decodes the same payload, so
   *  the index, the longest part of a change to a large view, no longer waits for the page's
   *  main thread, busy with the view's list (bench/RESULTS.md, twenty-fifth session). */
  function fetchedPins(path, forTheMap) {
    if (preview && preview.path === path && preview.payload) {
      const payload = preview.payload;
      preview.payload = null;
      return payload;
    }
    if (!forTheMap) return null;
    ahead = null;
    sketchAhead = null;
    const offThread = window.carte28.offThread;
    if (preview || !offThread || offThread.state !== 'ready' || offThread.engine !== 'webassembly') return null;
    const box = payloadBox();
    // Not at the close-up index's zooms: the map builds that index itself.
    const zoom = overview ? Math.floor(overview.getZoom()) : CLOSE_UP_FROM;
    sketchAhead = zoom < CLOSE_UP_FROM ? offThread.sketch(path, zoom) : null;
    const fetched = offThread.fetchPins({
      path: path,
      version: PIN_FORMAT_VERSION,
      south: box.south,
      north: box.north,
      west: box.west,
      east: box.east,
      from: OFF_THREAD_FROM,
      // The worker then indexes the pins once the map has drawn the sketch (`clusterIndexLater`);
      // not from zoom 13, where the close-up index is asked for at once anyway.
      hold: Boolean(sketchAhead) && zoom < CLOSE_UP_FROM - 1,
    }, clusterOptions());
    ahead = fetched.index;
    return fetched.payload;
  }

  /** The server's sketch of the view whose pins the worker fetches last (`fetchedPins`), its
   *  clusters at the zoom the map shows (`offThread.sketch`), which the map draws as soon as it
   *  has the pins, while its own index is on its way: a promise of its numbers or of null,
   *  which the next `clusterIndexLater` takes if it is of the points it indexes. */
  let sketchAhead = null;

  /** Removes the preview's markers: the WASM has drawn its own (or the page is left). */
  function endPreview() {
    endSketch();
    if (!preview) return;
    if (preview.redraw) preview.map.off('moveend', preview.redraw);
    preview.layer.remove();
    preview = null;
  }

  window.carte28 = {
    maxZoom: maxZoom,
    newMap: newMap,
    showDepartment: showDepartment,
    drawBackground: drawBackground,
    pinMarker: pinMarker,
    clusterMarker: clusterMarker,
    clusterIndex: clusterIndex,
    buildIndex: buildIndex,
    clusterIndexLater: clusterIndexLater,
    clusterOptions: clusterOptions,
    pinFeature: pinFeature,
    clusterSpots: clusterSpots,
    clusterLeaves: clusterLeaves,
    adoptPreview: adoptPreview,
    fetchedPins: fetchedPins,
    endPreview: endPreview,
  };

  try {
    startPreview();
  } catch (error) {
    // The WASM draws the map anyway; the preview only saves waiting for it.
    console.error('carte : aperçu impossible : ' + error.message);
    if (preview) preview.map.remove();
    preview = null;
  }
})();
