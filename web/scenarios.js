// 方案 — scenarios: a bar over the map to create, pick, rename, adopt and delete a plan scenario; drawing tools
// (leaflet-draw) that add a park (polygon), a facility (point, its category picked from the server's list) and a
// walking link (line) to it. While a scenario is picked the map shows its layers (baseline + edits, app.js's
// showScenario) and every feature's popup can change its name or category, move it (then click its new place),
// reshape it (leaflet-draw's vertex editing) or delete it; undo takes back the last edit. Edits go to the OGC API –
// Features Part 4 routes of the scenario with If-Match (the ETag of the feature as its popup showed it: a 412 says
// someone changed it meanwhile and reloads), and announce themselves with a 'greenplan:scenario' event, on which the
// dashboard shows 现状 / 方案 / Δ. Writing needs an editor token (the tools' token field, kept for the tab).
import { t, hasMessage } from './i18n.js';
import { el } from './dom.js';
import { api, ogc } from './workspace.js';
import { fetchWithToken } from './toolsupport.js';

const ADDED_STYLE = { color: '#ff6f00', weight: 3, fillColor: '#ffca28', fillOpacity: 0.6 };

export function initScenarios(map) {
  const bar = el('div', 'scenario-bar');
  bar.id = 'scenario-bar';
  bar.dataset.scenario = '';
  bar.dataset.edits = '0';
  const picker = el('select');
  picker.id = 'scenario-pick';
  picker.setAttribute('aria-label', t('scenario.pick'));
  const button = (id, key) => {
    const b = el('button', 'scenario-button', t(key));
    b.type = 'button';
    b.id = id;
    return b;
  };
  const create = button('scenario-new', 'scenario.new');
  const rename = button('scenario-rename', 'scenario.rename');
  const adopt = button('scenario-adopt', 'scenario.adopt');
  const remove = button('scenario-delete', 'scenario.delete');
  const undo = button('scenario-undo', 'scenario.undo');
  const reshapeDone = button('scenario-reshape-done', 'scenario.reshapeDone');
  reshapeDone.hidden = true;
  const drawPark = button('scenario-draw-park', 'scenario.draw.park');
  const drawFacility = button('scenario-draw-facility', 'scenario.draw.facility');
  const drawLink = button('scenario-draw-link', 'scenario.draw.link');
  const category = el('select');
  category.id = 'scenario-category';
  category.setAttribute('aria-label', t('scenario.category'));
  const status = el('span', 'scenario-status');
  status.id = 'scenario-status';
  status.setAttribute('role', 'status');
  const edit = el('span', 'scenario-edit');
  edit.append(drawPark, drawFacility, category, drawLink, undo, reshapeDone);
  bar.append(el('strong', null, t('scenario.title')), picker, create, rename, adopt, remove, edit, status);
  bar.hidden = true;
  document.body.append(bar); // over the map, so the page's layout keeps its heights
  // opened from the top bar; nothing is asked of the server before that
  const toggle = el('button', 'dashboard-toggle', t('scenario.title'));
  toggle.type = 'button';
  toggle.id = 'scenario-toggle';
  toggle.setAttribute('aria-controls', 'scenario-bar');
  toggle.setAttribute('aria-expanded', 'false');
  const topbar = document.querySelector('.topbar');
  topbar?.insertBefore(toggle, topbar.querySelector('.basemap') ?? null);
  let started = false;
  toggle.addEventListener('click', () => {
    bar.hidden = !bar.hidden;
    toggle.setAttribute('aria-expanded', String(!bar.hidden));
    toggle.classList.toggle('active', !bar.hidden);
    if (!started) {
      started = true;
      start();
    }
  });

  const state = { current: '', shown: '', scenarios: [], layers: {}, drawing: null, moving: null, reshaping: null };
  const scenarioBase = () => `/scenarios/${encodeURIComponent(state.current)}`;

  function announce() {
    bar.dataset.scenario = state.current;
    const on = Boolean(state.current);
    for (const b of [rename, adopt, remove, undo, drawPark, drawFacility, drawLink, category]) b.disabled = !on;
    document.dispatchEvent(new CustomEvent('greenplan:scenario', { detail: { id: state.current } }));
  }

  async function call(method, url, body, headers = {}) {
    const r = await fetchWithToken(url, { method, headers: body ? { 'Content-Type': 'application/json', ...headers }
      : headers, body: body ? JSON.stringify(body) : undefined });
    if (!r.ok) {
      status.textContent = r.status === 412 ? t('scenario.stale')
        : t('scenario.failed', { status: r.status, reason: r.body?.detail ?? r.body?.title ?? '' });
      bar.dataset.error = String(r.status);
      throw Object.assign(new Error(status.textContent), { status: r.status });
    }
    delete bar.dataset.error;
    return r.body;
  }

  async function loadList(select) {
    const r = await fetchWithToken(api('/scenarios'));
    state.scenarios = (r.ok ? r.body : []).filter((s) => !s.adoptedAt);
    picker.replaceChildren(Object.assign(el('option', null, t('scenario.baseline')), { value: '' }));
    for (const s of state.scenarios) picker.append(Object.assign(el('option', null, s.name), { value: String(s.id) }));
    picker.value = state.scenarios.some((s) => String(s.id) === select) ? select : '';
    state.current = picker.value;
  }

  /** How many features the scenario changed (its diff against the baseline). */
  async function countEdits() {
    return state.current ? (await call('GET', api(`${scenarioBase()}/diff`))).features.length : 0;
  }

  /** The map shows the picked scenario (or the baseline): the given layers again, every layer when omitted. */
  async function showOnMap(layers) {
    stopEditing();
    if (!state.current && !state.shown) return; // the baseline, as the page drew it
    await window.greenplan.showScenario?.(state.current, { layers, popup: state.current ? featureTools : null });
    state.shown = state.current;
  }

  async function select(id) {
    await loadList(id);
    await showOnMap();
    const edits = await countEdits();
    status.textContent = state.current ? t('scenario.editing', { name: picker.selectedOptions[0].textContent }) : '';
    announce();
    bar.dataset.edits = String(edits); // after the dashboard started its refresh, so a reader waits for that one
  }

  /**
   * The editing part of a feature's popup while a scenario is shown: its name (and a facility's category), save,
   * move, reshape (lines and polygons), delete. The feature's ETag is read when the popup opens: an edit sent with
   * it is refused (412) when the feature changed since.
   */
  function featureTools(collection, feature, layer) {
    const box = el('form', 'scenario-popup');
    box.dataset.featureId = feature.id;
    const item = ogc(`${scenarioBase()}/collections/${encodeURIComponent(collection.id)}/items/`
      + encodeURIComponent(feature.id));
    const shown = fetchWithToken(item).then((r) => (box.dataset.etag = r.etag ?? ''));
    const ifMatch = async () => ({ 'If-Match': await shown });
    const name = el('input');
    name.name = 'name';
    name.value = feature.properties?.name ?? '';
    const labelled = (key, input) => {
      const l = el('label', null, t(key));
      l.append(input);
      return l;
    };
    box.append(labelled('scenario.field.name', name));
    let cat = null;
    if (collection.kind === 'facility') {
      cat = category.cloneNode(true);
      cat.id = '';
      cat.name = 'category';
      cat.disabled = false;
      const now = feature.properties?.category ?? '';
      // a category the layer holds but the list lacks stays choosable
      if (now && ![...cat.options].some((o) => o.value === now)) cat.append(Object.assign(el('option', null, now), { value: now }));
      cat.value = now;
      box.append(labelled('scenario.category', cat));
    }
    const save = button('scenario-save', 'scenario.save');
    save.type = 'submit';
    const move = button('scenario-move', 'scenario.move');
    const reshape = button('scenario-reshape', 'scenario.reshape');
    reshape.hidden = !layer?.editing || collection.geometry === 'point';
    const del = button('scenario-remove-feature', 'scenario.deleteFeature');
    box.append(save, move, reshape, del);
    const layers = [collection.id];
    box.addEventListener('submit', async (e) => {
      e.preventDefault();
      const properties = { name: name.value };
      if (cat) properties.category = cat.value;
      await edited(async () => call('PATCH', item, { properties }, await ifMatch()), layers);
    });
    move.addEventListener('click', async () => {
      stopEditing();
      state.moving = { item, feature, layers, headers: await ifMatch() };
      map.closePopup();
      bar.dataset.moving = 'true';
      status.textContent = t('scenario.moveHint');
    });
    reshape.addEventListener('click', async () => {
      stopEditing();
      state.reshaping = { item, layer, layers, headers: await ifMatch() };
      map.closePopup();
      layer.editing.enable();
      reshapeDone.hidden = false;
      bar.dataset.reshaping = 'true';
      status.textContent = t('scenario.reshapeHint');
    });
    del.addEventListener('click', async () => edited(async () => call('DELETE', item, null, await ifMatch()), layers));
    return box;
  }

  /** Leaves moving or reshaping without saving. */
  function stopEditing() {
    state.moving = null;
    state.reshaping?.layer.editing?.disable();
    state.reshaping = null;
    reshapeDone.hidden = true;
    delete bar.dataset.moving;
    delete bar.dataset.reshaping;
  }

  /** A GeoJSON geometry shifted by (dx, dy) degrees. */
  function shifted(geometry, dx, dy) {
    const shift = (c) => (typeof c[0] === 'number' ? [c[0] + dx, c[1] + dy, ...c.slice(2)] : c.map(shift));
    return { ...geometry, coordinates: shift(geometry.coordinates) };
  }

  // moving: the feature's centre goes where the map is clicked next
  map.on('click', (e) => {
    const m = state.moving;
    if (!m) return;
    stopEditing();
    const centre = L.geoJSON(m.feature).getBounds().getCenter();
    const geometry = shifted(m.feature.geometry, e.latlng.lng - centre.lng, e.latlng.lat - centre.lat);
    map.closePopup();
    edited(() => call('PATCH', m.item, { geometry }, m.headers), m.layers);
  });
  reshapeDone.addEventListener('click', () => {
    const r = state.reshaping;
    if (!r) return;
    const geometry = r.layer.toGeoJSON().geometry;
    stopEditing();
    edited(() => call('PATCH', r.item, { geometry }, r.headers), r.layers);
  });

  /**
   * Runs one edit, then shows the layers it changed again and tells the dashboard. A refused edit leaves its
   * message in the bar; a stale one (412: the feature changed since its popup opened) reloads the scenario's map
   * and cards, so the planner sees what is there now.
   */
  async function edited(run, layers) {
    bar.dataset.busy = 'true';
    try {
      let result;
      let stale = false;
      try {
        result = await run();
      } catch (err) {
        if (err.status !== 412) return;
        stale = true;
        layers = undefined;
      }
      map.closePopup();
      await showOnMap(result?.layerId ? [result.layerId] : layers);
      const edits = await countEdits();
      status.textContent = t(stale ? 'scenario.stale' : 'scenario.saved');
      if (stale) bar.dataset.error = '412'; // the reload's own requests succeeded after it
      announce();
      bar.dataset.edits = String(edits); // after the dashboard started its refresh, so a reader waits for that one
    } finally {
      bar.dataset.busy = 'false';
    }
  }

  function draw(kind) {
    state.drawing?.disable();
    const options = { shapeOptions: ADDED_STYLE, showArea: false };
    state.drawing = kind === 'park' ? new L.Draw.Polygon(map, options)
      : kind === 'link' ? new L.Draw.Polyline(map, options) : new L.Draw.Marker(map, {});
    state.drawing.kind = kind;
    state.drawing.enable();
    bar.dataset.drawing = kind;
  }
  map.on(L.Draw.Event.CREATED, async (e) => {
    const kind = state.drawing?.kind;
    if (!kind || !state.current) return;
    state.drawing = null;
    bar.dataset.drawing = '';
    const geometry = e.layer.toGeoJSON().geometry;
    const layerId = state.layers[kind === 'link' ? 'road' : kind];
    const properties = kind === 'park' ? { name: t('scenario.newPark'), class: '社区公园' }
      : kind === 'facility' ? { name: t('scenario.newFacility'), category: category.value }
        : { name: t('scenario.newLink'), class: 'footway' };
    await edited(() => call('POST', ogc(`${scenarioBase()}/collections/${encodeURIComponent(layerId)}/items`),
      { type: 'Feature', geometry, properties }), [layerId]);
  });
  drawPark.addEventListener('click', () => draw('park'));
  drawFacility.addEventListener('click', () => draw('facility'));
  drawLink.addEventListener('click', () => draw('link'));
  // the answer names the layer the undone edit touched, which is shown again
  undo.addEventListener('click', () => edited(() => call('POST', api(`${scenarioBase()}/undo`))));
  picker.addEventListener('change', () => select(picker.value));
  create.addEventListener('click', async () => {
    const name = prompt(t('scenario.namePrompt'), t('scenario.defaultName'));
    if (!name) return;
    const s = await call('POST', api('/scenarios'), { name });
    await select(String(s.id));
  });
  rename.addEventListener('click', async () => {
    const name = prompt(t('scenario.namePrompt'), picker.selectedOptions[0]?.textContent ?? '');
    if (!name) return;
    await call('PATCH', api(scenarioBase()), { name });
    await select(state.current);
  });
  remove.addEventListener('click', async () => {
    if (!confirm(t('scenario.confirmDelete'))) return;
    await call('DELETE', api(scenarioBase()));
    await select('');
  });
  adopt.addEventListener('click', async () => {
    if (!confirm(t('scenario.confirmAdopt'))) return;
    const r = await call('POST', api(`${scenarioBase()}/adopt`));
    await select('');
    await window.greenplan.reloadLayers?.(); // the adopted layers' new versions (tiled layers name theirs)
    status.textContent = t('scenario.adopted', { layers: r.published.map((p) => `${p.layerId} v${p.version}`).join(', ') });
    bar.dataset.adopted = 'true';
  });

  async function start() {
    const [collections, categories] = await Promise.all([fetchWithToken(ogc('/collections')),
      fetchWithToken(api('/scenarios/categories'))]);
    for (const c of collections.body?.collections ?? []) {
      for (const kind of ['park', 'facility', 'road']) if (c.kind === kind && !state.layers[kind]) state.layers[kind] = c.id;
    }
    for (const c of categories.body?.categories ?? []) {
      const label = hasMessage(`dashboard.category.${c}`) ? `${t(`dashboard.category.${c}`)} (${c})` : c;
      category.append(Object.assign(el('option', null, label), { value: c }));
    }
    await select('');
    bar.dataset.ready = 'true';
  }

  const controller = { current: () => state.current, select, draw, reload: () => select(state.current) };
  window.greenplan = Object.assign(window.greenplan ?? {}, { scenarios: controller });
  return controller;
}
