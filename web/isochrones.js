// Walking isochrones (步行等时圈) on the map page: switch the tool on, click a point, and see the 5/10/15-minute
// walking rings (GB 50180-2018: 300/500/1000 m) from POST /api/v1/isochrones with the facilities inside each.
// A plain ES module; app.js calls initIsochrones(map) once. Labels come from i18n (walk.*).
import { t } from './i18n.js';
import { el, escapeHtml } from './dom.js';
import { api } from './workspace.js';

const RING_STYLE = {
  5: { color: '#1b5e20', fillColor: '#2e7d32', fillOpacity: 0.35 },
  10: { color: '#f9a825', fillColor: '#fbc02d', fillOpacity: 0.25 },
  15: { color: '#c62828', fillColor: '#ef5350', fillOpacity: 0.15 },
};
const FALLBACK_STYLE = { color: '#1565c0', fillColor: '#42a5f5', fillOpacity: 0.2 };

function ringLabel(p) {
  const label = t('walk.ring', { minutes: p.minutes, distance: p.distanceMetres, ha: (p.areaM2 / 10000).toFixed(1) });
  // residents inside the ring: absent (null) when the workspace has no residential layer
  return p.residents == null ? label : `${label} · ${t('walk.residents', { residents: p.residents.toLocaleString() })}`;
}

function styleFor(minutes) {
  return { weight: 2, ...(RING_STYLE[minutes] ?? FALLBACK_STYLE) };
}

export function initIsochrones(map) {
  const pane = map.createPane('isochrones');
  pane.style.zIndex = 450; // above the data canvas (overlayPane 400), below markers and popups
  const svg = L.svg({ pane });
  const group = L.layerGroup().addTo(map);
  const state = { active: false, busy: false, last: null, error: null };

  const section = document.createElement('section');
  section.className = 'isochrone-tool';
  section.innerHTML = `
    <h3>${escapeHtml(t('walk.title'))}</h3>
    <button type="button" id="isochrone-toggle" aria-pressed="false">${escapeHtml(t('walk.pick'))}</button>
    <button type="button" id="isochrone-clear" hidden>${escapeHtml(t('walk.clear'))}</button>
    <p class="hint">${escapeHtml(t('walk.hint'))}</p>
    <div id="isochrone-panel" aria-live="polite"></div>`;
  document.getElementById('layer-list').before(section); // near the top: the list of layers is long
  const toggle = section.querySelector('#isochrone-toggle');
  const clear = section.querySelector('#isochrone-clear');
  const panel = section.querySelector('#isochrone-panel');

  function setActive(on) {
    state.active = on;
    toggle.setAttribute('aria-pressed', String(on));
    toggle.classList.toggle('active', on);
    map.getContainer().classList.toggle('isochrone-picking', on);
  }
  toggle.addEventListener('click', () => setActive(!state.active));
  clear.addEventListener('click', () => {
    group.clearLayers();
    panel.replaceChildren();
    clear.hidden = true;
    state.last = null;
    document.body.dataset.isochrone = 'cleared';
  });

  function showError(message) {
    state.error = message;
    panel.replaceChildren(el('p', 'error', message));
    document.body.dataset.isochrone = 'error';
  }

  function draw(result, latlng) {
    group.clearLayers();
    // largest ring first so the smaller ones stay visible and clickable on top
    const rings = [...result.features].sort((a, b) => b.properties.distanceMetres - a.properties.distanceMetres);
    for (const ring of rings) {
      const p = ring.properties;
      L.geoJSON(ring, { pane, renderer: svg, style: () => styleFor(p.minutes) })
        .bindTooltip(el('span', null, ringLabel(p)), { sticky: true })
        .addTo(group);
    }
    for (const f of result.facilities.features) {
      const p = f.properties;
      const [lon, lat] = f.geometry.coordinates;
      L.circleMarker([lat, lon], { pane, renderer: svg, radius: 6, weight: 2, color: '#fff', fillOpacity: 1,
        fillColor: styleFor(p.minutes).color })
        .bindTooltip(el('span', null, `${p.name ?? '—'} · ${p.category ?? ''} · ${p.distanceMetres} m`))
        .addTo(group);
    }
    L.circleMarker(latlng, { pane, renderer: svg, radius: 7, color: '#000', weight: 2, fillColor: '#fff', fillOpacity: 1 })
      .bindTooltip(el('span', null, t('walk.start'))).addTo(group);

    const byRing = new Map(result.features.map((r) => [r.properties.minutes, []]));
    for (const f of result.facilities.features) byRing.get(f.properties.minutes)?.push(f.properties);
    panel.replaceChildren();
    const origin = result.origins[0];
    const intro = document.createElement('p');
    intro.className = 'hint';
    intro.textContent = t('walk.offset', { metres: origin.offsetMetres });
    panel.append(intro);
    for (const ring of result.features) {
      const p = ring.properties;
      const list = byRing.get(p.minutes) ?? [];
      const block = document.createElement('div');
      block.className = 'isochrone-ring';
      block.dataset.minutes = p.minutes;
      const swatch = el('span', 'swatch');
      swatch.style.background = styleFor(p.minutes).fillColor;
      const heading = el('h4');
      heading.append(swatch, `${ringLabel(p)} · ${t('walk.facilities', { count: list.length })}`);
      const items = el('ul');
      for (const f of list) {
        const item = el('li', null, `${f.name ?? '—'} `);
        item.append(el('small', null, `${f.category ?? ''} · ${f.distanceMetres} m`));
        items.append(item);
      }
      block.append(heading, items);
      panel.append(block);
    }
  }

  async function run(latlng) {
    state.busy = true;
    state.error = null;
    document.body.dataset.isochrone = 'busy';
    panel.replaceChildren(el('p', 'hint', t('walk.computing')));
    try {
      const r = await fetch(api('/isochrones'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/geo+json' },
        body: JSON.stringify({ points: [[latlng.lng, latlng.lat]], minutes: [5, 10, 15] }),
      });
      const body = await r.json();
      if (!r.ok) {
        showError(`${body.reason ?? body.detail ?? `HTTP ${r.status}`}`);
        return;
      }
      state.last = body;
      draw(body, latlng);
      clear.hidden = false;
      document.body.dataset.isochrone = 'ready';
    } catch (e) {
      showError(t('walk.failed', { message: e.message }));
    } finally {
      state.busy = false;
    }
  }

  // 'preclick', not 'click': a click on a data feature opens its popup and stops the map's click, while the
  // map's preclick always fires. The popup is closed again: picking a start point, not identifying.
  map.on('preclick', (e) => {
    if (!state.active || state.busy) return;
    map.closePopup();
    run(e.latlng);
  });
  map.on('popupopen', () => {
    if (state.active) map.closePopup();
  });

  return {
    setActive,
    run: (lat, lng) => run(L.latLng(lat, lng)),
    ringCount: () => state.last?.features.length ?? 0,
    facilityCount: () => state.last?.facilities.features.length ?? 0,
    last: () => state.last,
    error: () => state.error,
  };
}
