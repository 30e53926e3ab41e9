// greenplan map page: every layer from the OGC API – Features endpoints, drawn with its kind's style.
// No build step: a plain ES module on top of the Leaflet webjar.
import { t, bilingual, applyMessages, setLanguage, lang } from './i18n.js';
import { initIndicators } from './indicators.js';
import { initIsochrones } from './isochrones.js';
import { initBasemap } from './basemap.js';
import { initTools } from './tools.js';
import { initScenarios } from './scenarios.js';
import { el } from './dom.js';
import { api, ogc } from './workspace.js';
import { initWorkspaceSwitcher } from './workspaces.js';

const GROUPS = ['control', 'green', 'living', 'base'];
// Draw order: areas under outlines under lines under points, whatever order the layers arrive in.
// One canvas for all of them: stacked canvases would let the top one swallow every click, while a single
// canvas hit-tests its paths and picks the topmost.
const DRAW_ORDER = ['polygon', 'outline', 'line', 'point'];
const PAGE = 10000;

const params = new URLSearchParams(location.search);
// Layers with more features than this are drawn as server PNG tiles instead of downloaded as GeoJSON
// (the scale-100 city has 100k+ parcels); ?tileThreshold= changes it, e.g. for tests.
const TILE_THRESHOLD = Number(params.get('tileThreshold') ?? 5000);
applyMessages();
document.title = t('app.title');
const languagePicker = document.getElementById('language');
languagePicker.value = lang;
languagePicker.addEventListener('change', (e) => setLanguage(e.target.value));
const map = L.map('map', { zoomControl: true }).setView([30.4, 119.95], 13);
const renderer = L.canvas({ tolerance: 4 });

const state = { layers: new Map() };
// The scenario (方案) the map shows, set by the scenario bar (scenarios.js) through showScenario(): its layers are
// read from the scenario's collections and tiles (baseline + its edits); '' is the baseline. `popup` is the
// scenario bar's editing popup; `revision` changes the scenario tiles' URLs after every edit.
const view = { scenario: '', revision: 0, popup: null };
const scenarioPath = () => (view.scenario ? `/scenarios/${encodeURIComponent(view.scenario)}` : '');
// features a scenario added or changed stand out from the layer's own style
const EDITED_STYLE = { color: '#ff6f00', weight: 3, fillColor: '#ffca28', fillOpacity: 0.6 };
const edited = (f) => f.scenarioState === 'added' || f.scenarioState === 'modified';
window.greenplan = {
  map,
  layers: state.layers,
  featureCount: (id) => state.layers.get(id)?.count ?? 0,
  // features drawn in the browser; tiled layers are drawn by the server and listed by tiledLayers()
  renderedCount: () => [...state.layers.values()]
    .reduce((n, l) => n + (!l.tiled && map.hasLayer(l.leaflet) ? l.count : 0), 0),
  tiledLayers: () => [...state.layers.values()].filter((l) => l.tiled && map.hasLayer(l.leaflet)).map((l) => l.collection.id),
};

function setStatus(text, isError = false) {
  const el = document.getElementById('status');
  el.textContent = text;
  el.classList.toggle('error', isError);
}

// ---- identify: the clicked feature's attributes, as text (names and values come from uploads)
function popupFor(collection, feature) {
  const box = el('div', 'identify');
  const table = el('table');
  const row = (...cells) => {
    const tr = el('tr');
    tr.append(...cells.map((c) => el('td', null, c)));
    table.append(tr);
  };
  for (const [k, v] of Object.entries(feature.properties ?? {})) row(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  if (!table.rows.length) row('—');
  box.append(el('h4', null, `${bilingual(collection.kindName)} · ${collection.title}`), table);
  return box;
}

function drawRank(collection) {
  const kind = collection.geometry === 'point' || collection.geometry === 'line' ? collection.geometry
    : collection.style.fill === false ? 'outline' : 'polygon';
  return DRAW_ORDER.indexOf(kind);
}

// Re-adds the visible layers bottom to top; a canvas draws in the order layers were added.
function redraw() {
  const entries = [...state.layers.values()].sort((a, b) => drawRank(a.collection) - drawRank(b.collection));
  for (const e of entries) map.removeLayer(e.leaflet);
  for (const e of entries) if (e.visible) e.leaflet.addTo(map);
  updateLegend();
}

// A big layer as server-drawn PNG tiles of its current version: ?version= makes every tile immutable, so the
// browser caches it for good and a new upload (new version, new URLs) can never show stale tiles.
function tiledLayer(collection) {
  // a scenario's tiles change with each edit: the revision in the URL makes Leaflet ask again
  const url = view.scenario
    ? api(`${scenarioPath()}/tiles/${encodeURIComponent(collection.id)}/{z}/{x}/{y}.png?rev=${view.revision}`)
    : api(`/tiles/${encodeURIComponent(collection.id)}/{z}/{x}/{y}.png?version=${collection.version}`);
  return L.tileLayer(url, { maxZoom: 22, zIndex: 10 + drawRank(collection), className: 'greenplan-tiles' });
}

// Identify on tiled layers (vector features open their own popup and stop the click): ask the items API for
// features of the drawn version in a few pixels around the click, topmost layer first.
async function identifyTiled(e) {
  const tiled = [...state.layers.values()].filter((l) => l.tiled && map.hasLayer(l.leaflet))
    .sort((a, b) => drawRank(b.collection) - drawRank(a.collection));
  for (const entry of tiled) {
    const c = entry.collection;
    const px = c.geometry === 'polygon' ? 1 : 5; // polygons: what is under the cursor; lines and points: near it
    const p = map.latLngToContainerPoint(e.latlng);
    const sw = map.containerPointToLatLng([p.x - px, p.y + px]);
    const ne = map.containerPointToLatLng([p.x + px, p.y - px]);
    const bbox = [sw.lng, sw.lat, ne.lng, ne.lat].map((v) => v.toFixed(7)).join(',');
    const version = view.scenario ? '' : `&version=${c.version}`;
    const page = await fetchJson(ogc(`${scenarioPath()}/collections/${encodeURIComponent(c.id)}/items?bbox=${bbox}&limit=5${version}`));
    if (page.features.length) {
      L.popup({ maxWidth: 360 }).setLatLng(e.latlng).setContent(featurePopup(c, page.features[0])).openOn(map);
      return;
    }
  }
}

async function fetchJson(url) {
  const r = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.json();
}

async function loadFeatures(collection) {
  const features = [];
  let url = ogc(`${scenarioPath()}/collections/${encodeURIComponent(collection.id)}/items?limit=${PAGE}`);
  while (url) {
    const page = await fetchJson(url);
    features.push(...page.features);
    url = page.links.find((l) => l.rel === 'next')?.href ?? null;
  }
  return features;
}

function swatch(collection) {
  const s = collection.style;
  const el = document.createElement('span');
  el.className = `swatch ${collection.geometry}`;
  el.style.background = s.fillColor ?? s.color;
  el.style.border = `${Math.min(s.weight, 2)}px ${s.dashArray ? 'dashed' : 'solid'} ${s.color}`;
  if (s.fill === false && collection.geometry === 'polygon') el.style.background = 'transparent';
  return el;
}

function buildLayerList(collections) {
  const list = document.getElementById('layer-list');
  list.replaceChildren();
  for (const group of GROUPS) {
    const members = collections.filter((c) => c.group === group);
    if (!members.length) continue;
    const section = document.createElement('section');
    section.className = 'group';
    section.append(el('h3', null, t(`map.group.${group}`)));
    for (const c of members) {
      const label = document.createElement('label');
      label.className = 'layer-entry';
      label.dataset.layerId = c.id;
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = state.layers.get(c.id)?.visible ?? true;
      box.setAttribute('aria-label', `${bilingual(c.kindName)} · ${c.title}`);
      box.addEventListener('change', () => {
        const entry = state.layers.get(c.id);
        if (!entry) return;
        entry.visible = box.checked;
        redraw();
      });
      const text = document.createElement('span');
      text.className = 'name';
      text.textContent = c.title;
      const kind = document.createElement('small');
      kind.className = 'kind';
      kind.textContent = bilingual(c.kindName);
      text.append(kind);
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = '…';
      const zoom = document.createElement('button');
      zoom.type = 'button';
      zoom.className = 'zoom-to-layer';
      zoom.textContent = '⤢';
      zoom.title = t('map.zoomToLayer');
      zoom.setAttribute('aria-label', `${t('map.zoomToLayer')}: ${c.title}`);
      zoom.addEventListener('click', (e) => {
        e.preventDefault(); // a button inside the label must not toggle the checkbox
        zoomToLayer(c);
      });
      label.append(box, swatch(c), text, count, zoom);
      section.append(label);
    }
    list.append(section);
  }
}

/** Fits the map to a layer: its drawn features, or the extent the collection declares (tiled layers). */
function zoomToLayer(c) {
  const entry = state.layers.get(c.id);
  const drawn = entry && !entry.tiled && entry.count ? entry.leaflet.getBounds() : null;
  const box = (entry?.collection ?? c).extent?.spatial?.bbox?.[0];
  const bounds = drawn ?? (box ? L.latLngBounds([[box[1], box[0]], [box[3], box[2]]]) : null);
  if (bounds?.isValid()) map.fitBounds(bounds, { padding: [10, 10], maxZoom: 18 });
}

const legend = L.control({ position: 'bottomright' });
legend.onAdd = () => L.DomUtil.create('div', 'legend');
legend.addTo(map);
function updateLegend() {
  const el = legend.getContainer();
  el.replaceChildren();
  const shown = new Set();
  for (const entry of state.layers.values()) {
    if (!map.hasLayer(entry.leaflet) || shown.has(entry.collection.kind)) continue;
    shown.add(entry.collection.kind);
    const row = document.createElement('div');
    const name = document.createElement('span');
    name.textContent = bilingual(entry.collection.kindName);
    row.append(swatch(entry.collection), name);
    el.append(row);
  }
}

/** A collection's map layer: server tiles of its version when it is big, else its features as GeoJSON. */
async function loadLayer(c) {
  if ((c.featureCount ?? 0) > TILE_THRESHOLD) {
    return { collection: c, leaflet: tiledLayer(c), count: c.featureCount, tiled: true };
  }
  const features = await loadFeatures(c);
  const styleOf = (f) => (edited(f) ? { ...c.style, ...EDITED_STYLE } : c.style);
  const leaflet = L.geoJSON({ type: 'FeatureCollection', features }, {
    renderer,
    style: styleOf,
    pointToLayer: (f, latlng) => L.circleMarker(latlng, { ...styleOf(f), renderer }),
    onEachFeature: (f, layer) => layer.bindPopup(() => featurePopup(c, f, layer), { maxWidth: 360 }),
  });
  return { collection: c, leaflet, count: features.length, tiled: false };
}

/** The identify popup, with the scenario bar's editing tools under it while a scenario is shown. */
function featurePopup(collection, feature, layer) {
  const box = popupFor(collection, feature);
  if (view.scenario && view.popup) box.append(view.popup(collection, feature, layer));
  return box;
}

/**
 * Shows scenario `id` ('' for the baseline) on the map: the given layers (every layer when omitted) are read again
 * from it, keeping their visibility. `popup(collection, feature, layer)` gives the editing part of a feature's popup.
 */
async function showScenario(id, { layers, popup } = {}) {
  view.scenario = id ?? '';
  view.revision++;
  if (popup !== undefined) view.popup = popup;
  const ids = (layers ?? [...state.layers.keys()]).filter((lid) => state.layers.has(lid));
  await Promise.all(ids.map(async (lid) => {
    const old = state.layers.get(lid);
    const entry = await loadLayer(old.collection);
    map.removeLayer(old.leaflet);
    state.layers.set(lid, { ...entry, visible: old.visible });
    const cell = document.querySelector(`[data-layer-id="${CSS.escape(lid)}"] .count`);
    if (cell) cell.textContent = entry.count;
  }));
  redraw();
  document.body.dataset.mapScenario = view.scenario;
  document.body.dataset.mapRevision = String(view.revision);
}

/** A collection added after start (the upload wizard), drawn like the others, keeping its visibility. */
async function addCollection(c) {
  const entry = await loadLayer(c);
  const old = state.layers.get(c.id);
  if (old) map.removeLayer(old.leaflet);
  state.layers.set(c.id, { ...entry, visible: old?.visible ?? true });
}

/**
 * Loads the collections that are new or have a new version since the page loaded (the upload wizard calls
 * this after an import) without a page reload; returns their ids.
 */
export async function reloadLayers() {
  const { collections } = await fetchJson(ogc('/collections'));
  const changed = collections.filter((c) => state.layers.get(c.id)?.collection.version !== c.version);
  for (const c of changed) await addCollection(c);
  buildLayerList(collections);
  for (const [id, entry] of state.layers) {
    const cell = document.querySelector(`[data-layer-id="${CSS.escape(id)}"] .count`);
    if (cell) cell.textContent = entry.count;
  }
  redraw();
  return changed.map((c) => c.id);
}

async function main() {
  initIndicators(map, document.getElementById('sidebar')); // the indicator panel, loading on its own
  const config = await fetchJson(api('/map/config')).catch(() => ({}));
  window.greenplan.basemap = initBasemap(map, config, params.get('basemap'));
  initWorkspaceSwitcher(config).catch((e) => setStatus(e.message, true));
  // the map opens on the workspace's extent (the box of its layers), before any layer is drawn
  if (config.bbox) map.fitBounds([[config.bbox[1], config.bbox[0]], [config.bbox[3], config.bbox[2]]]);
  const { collections } = await fetchJson(ogc('/collections'));
  buildLayerList(collections);
  const bounds = L.latLngBounds([]);
  let loaded = 0;
  await Promise.all(collections.map(async (c) => {
    const entry = await loadLayer(c);
    state.layers.set(c.id, { ...entry, visible: true });
    const count = document.querySelector(`[data-layer-id="${CSS.escape(c.id)}"] .count`);
    count.textContent = entry.count;
    if (entry.tiled) {
      count.title = t('tiles.drawnAsTiles', { threshold: TILE_THRESHOLD });
      const box = c.extent?.spatial?.bbox?.[0];
      if (box) bounds.extend([[box[1], box[0]], [box[3], box[2]]]);
    } else if (entry.count) {
      bounds.extend(entry.leaflet.getBounds());
    }
    setStatus(t('map.status.loaded', { loaded: ++loaded, total: collections.length }));
  }));
  redraw();
  map.on('click', (e) => identifyTiled(e).catch((err) => setStatus(t('tiles.identifyFailed', { message: err.message }), true)));
  window.greenplan.isochrones = initIsochrones(map);
  window.greenplan.reloadLayers = reloadLayers;
  window.greenplan.tools = initTools(map, config, { reloadLayers, popupFor });
  window.greenplan.showScenario = showScenario;
  initScenarios(map);
  if (!config.bbox && bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
  const total = window.greenplan.renderedCount();
  const tiledCount = window.greenplan.tiledLayers().length;
  setStatus(t('map.status.ready', { layers: collections.length, features: total })
    + (tiledCount ? t('tiles.status', { count: tiledCount }) : ''));
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  setStatus(t('map.status.failed', { message: e.message }), true);
  document.body.dataset.ready = 'error';
});
