// Search features by name across every layer: GET /collections/{id}/items?q=… for each layer (the OGC items
// endpoint with greenplan's name filter; a picked scenario's collections while one is picked), results listed as buttons; choosing one zooms to it and opens its
// identify popup.
import { t, bilingual } from './i18n.js';
import { el, escapeHtml } from './dom.js';
import { ogc } from './workspace.js';

const PER_LAYER = 10;

export function initSearch(map, hooks) {
  const form = document.createElement('form');
  form.className = 'search-tool';
  form.setAttribute('role', 'search');
  form.innerHTML = `
    <label for="search-input" class="visually-hidden">${escapeHtml(t('search.label'))}</label>
    <input id="search-input" type="search" autocomplete="off" maxlength="100"
      placeholder="${escapeHtml(t('search.placeholder'))}">
    <button type="submit" id="search-button">${escapeHtml(t('search.button'))}</button>
    <p id="search-status" class="hint" role="status"></p>
    <ul id="search-results" aria-label="${escapeHtml(t('search.results'))}"></ul>`;
  document.getElementById('sidebar').prepend(form);
  const input = form.querySelector('#search-input');
  const status = form.querySelector('#search-status');
  const list = form.querySelector('#search-results');
  const state = { results: [] };

  function show(hit) {
    const entry = window.greenplan.layers.get(hit.collection.id);
    let target = null;
    // a layer drawn as server tiles has no features in the browser: then a popup of its own is opened
    entry?.leaflet.eachLayer?.((l) => {
      if (l.feature?.id === hit.feature.id) target = l;
    });
    const shape = target ?? L.geoJSON(hit.feature);
    const bounds = shape.getBounds ? shape.getBounds() : L.latLngBounds([shape.getLatLng()]);
    if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 17, animate: false });
    if (target && map.hasLayer(entry.leaflet)) {
      target.openPopup(bounds.getCenter());
    } else {
      L.popup({ maxWidth: 360 }).setLatLng(bounds.getCenter())
        .setContent(hooks.popupFor(hit.collection, hit.feature)).openOn(map);
    }
    document.body.dataset.search = 'shown';
  }

  async function search(q) {
    list.replaceChildren();
    state.results = [];
    if (!q) return state.results;
    document.body.dataset.search = 'busy';
    status.textContent = t('search.searching');
    const collections = [...window.greenplan.layers.values()].map((e) => e.collection);
    const pages = await Promise.all(collections.map(async (c) => {
      // with a scenario picked, its features are searched (baseline + its edits), as the map shows them
      const scenario = window.greenplan.scenarios?.current?.() ?? '';
      const from = scenario ? `/scenarios/${encodeURIComponent(scenario)}` : '';
      const url = ogc(`${from}/collections/${encodeURIComponent(c.id)}/items?q=${encodeURIComponent(q)}&limit=${PER_LAYER}`);
      const r = await fetch(url, { headers: { Accept: 'application/geo+json' } });
      return r.ok ? (await r.json()).features.map((feature) => ({ collection: c, feature })) : [];
    }));
    state.results = pages.flat();
    status.textContent = state.results.length ? t('search.count', { count: state.results.length })
      : t('search.none', { q });
    for (const hit of state.results) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'search-hit';
      button.append(`${hit.feature.properties?.name ?? '—'} `,
        el('small', null, `${hit.collection.title} · ${bilingual(hit.collection.kindName)}`));
      button.addEventListener('click', () => show(hit));
      item.append(button);
      list.append(item);
    }
    document.body.dataset.search = 'ready';
    return state.results;
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    search(input.value.trim()).catch((err) => {
      status.textContent = err.message;
      document.body.dataset.search = 'error';
    });
  });

  return { search, results: () => state.results };
}
