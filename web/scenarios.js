// 方案 — scenarios: a bar over the map to create, pick, rename, adopt and delete a plan scenario; drawing tools
// (leaflet-draw) that add a park (polygon), a facility (point, its category picked from the server's list) and a
// walking link (line) to it; the features it added, drawn on the map, each with a popup to change its name or
// category or to delete it; undo of the last edit. Edits go to the OGC API – Features Part 4 routes of the scenario
// and announce themselves with a 'greenplan:scenario' event, on which the dashboard shows 现状 / 方案 / Δ.
// Writing needs an editor token (the tools' token field, kept for the tab).
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
  edit.append(drawPark, drawFacility, category, drawLink, undo);
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

  const state = { current: '', scenarios: [], layers: {}, added: L.featureGroup().addTo(map), drawing: null };
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
      status.textContent = t('scenario.failed', { status: r.status, reason: r.body?.detail ?? r.body?.title ?? '' });
      bar.dataset.error = String(r.status);
      throw new Error(status.textContent);
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

  async function loadAdded() {
    state.added.clearLayers();
    let edits = 0;
    if (state.current) {
      const diff = await call('GET', api(`${scenarioBase()}/diff`));
      for (const f of diff.features) {
        edits++;
        if (f.properties.change === 'removed') continue;
        const layer = L.geoJSON(f, {
          style: () => ADDED_STYLE,
          pointToLayer: (_, latlng) => L.circleMarker(latlng, { ...ADDED_STYLE, radius: 7 }),
        });
        layer.eachLayer((l) => {
          l.feature = f;
          l.bindPopup(() => popup(f));
          state.added.addLayer(l);
        });
      }
    }
    return edits;
  }

  async function select(id) {
    await loadList(id);
    const edits = await loadAdded();
    status.textContent = state.current ? t('scenario.editing', { name: picker.selectedOptions[0].textContent }) : '';
    announce();
    bar.dataset.edits = String(edits); // after the dashboard started its refresh, so a reader waits for that one
  }

  /** The popup of a feature the scenario added or changed: its name (and category), save, delete. */
  function popup(f) {
    const box = el('form', 'scenario-popup');
    const name = el('input');
    name.name = 'name';
    name.value = f.properties.attributes?.name ?? '';
    const labelled = (key, input) => {
      const l = el('label', null, t(key));
      l.append(input);
      return l;
    };
    box.append(labelled('scenario.field.name', name));
    let cat = null;
    if (f.properties.layer === state.layers.facility) {
      cat = category.cloneNode(true);
      cat.id = '';
      cat.name = 'category';
      cat.value = f.properties.attributes?.category ?? '';
      box.append(labelled('scenario.category', cat));
    }
    const save = button('scenario-save', 'scenario.save');
    save.type = 'submit';
    const del = button('scenario-remove-feature', 'scenario.deleteFeature');
    box.append(save, del);
    const item = ogc(`${scenarioBase()}/collections/${encodeURIComponent(f.properties.layer)}/items/`
      + encodeURIComponent(f.properties.featureId));
    box.addEventListener('submit', async (e) => {
      e.preventDefault();
      const properties = { name: name.value };
      if (cat) properties.category = cat.value;
      await edited(() => call('PATCH', item, { properties }));
    });
    del.addEventListener('click', () => edited(() => call('DELETE', item)));
    return box;
  }

  /** Runs one edit, then redraws the scenario's features and tells the dashboard. */
  async function edited(run) {
    bar.dataset.busy = 'true';
    try {
      await run();
      map.closePopup();
      const edits = await loadAdded();
      status.textContent = t('scenario.saved');
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
      { type: 'Feature', geometry, properties }));
  });
  drawPark.addEventListener('click', () => draw('park'));
  drawFacility.addEventListener('click', () => draw('facility'));
  drawLink.addEventListener('click', () => draw('link'));
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
