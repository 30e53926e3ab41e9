// 项目选址审查 — the project-site check: draw the site with leaflet-draw (or upload it: the import preview
// reads any format GDAL knows and returns its first features in lon/lat), POST it to
// /api/v1/checks/control-lines, list the overlap with each control line and highlight the overlapping pieces.
import { t, pick } from './i18n.js';
import { fetchWithToken } from './toolsupport.js';
import { el, escapeHtml } from './dom.js';
import { api } from './workspace.js';

const PROJECT_STYLE = { color: '#0d47a1', weight: 3, dashArray: '6 4', fill: false };
const CONFLICT_STYLE = { color: '#b71c1c', weight: 2, fillColor: '#e53935', fillOpacity: 0.55 };
const OUTSIDE_STYLE = { color: '#e65100', weight: 2, dashArray: '3 3', fillColor: '#ff9800', fillOpacity: 0.35 };

function metres(value) {
  return Number(value).toFixed(1);
}

/** One Polygon or MultiPolygon geometry from the polygon features of a FeatureCollection, or null. */
function siteOf(features) {
  const polygons = [];
  for (const f of features) {
    const g = f.geometry;
    if (g?.type === 'Polygon') polygons.push(g.coordinates);
    if (g?.type === 'MultiPolygon') polygons.push(...g.coordinates);
  }
  if (!polygons.length) return null;
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

export function initSiteCheck(map) {
  const pane = map.createPane('sitecheck');
  pane.style.zIndex = 440; // above the data canvas, below the isochrones and popups
  const renderer = L.svg({ pane });
  const group = L.layerGroup().addTo(map);
  const state = { project: null, result: null, error: null };

  const section = document.createElement('section');
  section.className = 'site-check';
  section.innerHTML = `
    <h3>${escapeHtml(t('check.title'))}</h3>
    <button type="button" id="check-draw">${escapeHtml(t('check.draw'))}</button>
    <button type="button" id="check-clear" hidden>${escapeHtml(t('check.clear'))}</button>
    <label class="file" for="check-file">${escapeHtml(t('check.upload'))}</label>
    <input type="file" id="check-file" accept=".geojson,.json,.zip,.gpkg,.kml" aria-describedby="check-file-hint">
    <p class="hint" id="check-file-hint">${escapeHtml(t('check.uploadHint'))}</p>
    <div id="check-panel" aria-live="polite"></div>`;
  document.getElementById('layer-list').before(section);
  const panel = section.querySelector('#check-panel');
  const clear = section.querySelector('#check-clear');

  const drawer = new L.Draw.Polygon(map, {
    allowIntersection: false,
    showArea: false, // leaflet-draw's own area readout is geodesic; the check's areas are the ones that count
    showLength: false,
    shapeOptions: PROJECT_STYLE,
  });
  map.on(L.Draw.Event.CREATED, (e) => {
    if (e.layerType !== 'polygon') return;
    run(e.layer.toGeoJSON().geometry);
  });
  section.querySelector('#check-draw').addEventListener('click', () => {
    window.greenplan.isochrones?.setActive(false);
    map.closePopup();
    drawer.enable();
    document.body.dataset.check = 'drawing';
  });
  clear.addEventListener('click', () => {
    group.clearLayers();
    panel.replaceChildren();
    clear.hidden = true;
    state.project = null;
    state.result = null;
    document.body.dataset.check = 'cleared';
  });
  section.querySelector('#check-file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (file) await fromFile(file);
    e.target.value = '';
  });

  function showError(message) {
    state.error = message;
    const p = el('p', 'error', message); // a server's or GDAL's message about an uploaded file: text
    p.setAttribute('role', 'alert');
    panel.replaceChildren(p);
    document.body.dataset.check = 'error';
  }

  async function fromFile(file) {
    document.body.dataset.check = 'busy';
    panel.replaceChildren(el('p', 'hint', t('check.checking')));
    const form = new FormData();
    form.append('file', file);
    form.append('layer', '项目选址'); // a name, not an id: nothing is stored by a preview
    form.append('kind', 'other');
    const r = await fetchWithToken(api('/imports/preview'), { method: 'POST', body: form });
    if (r.status === 401 || r.status === 403) return showError(t(`wizard.error.${r.status}`));
    if (!r.ok) return showError(t('check.error', { reason: r.body?.reason ?? r.body?.detail ?? `HTTP ${r.status}` }));
    const site = siteOf(r.body.features.features);
    if (!site) return showError(t('check.error', { reason: t('check.fileNotPolygon') }));
    return run(site);
  }

  function draw(result, project) {
    group.clearLayers();
    const outline = L.geoJSON(project, { pane, renderer, style: () => PROJECT_STYLE }).addTo(group);
    if (result.outsideDevelopmentBoundary) {
      L.geoJSON(result.outsideDevelopmentBoundary, { pane, renderer, style: () => OUTSIDE_STYLE })
        .bindTooltip(el('span', null, t('check.outside', { area: metres(result.areaOutsideDevelopmentBoundary) }))).addTo(group);
    }
    for (const c of result.conflicts) {
      if (!c.geometry) continue;
      L.geoJSON(c.geometry, { pane, renderer, style: () => CONFLICT_STYLE })
        .bindTooltip(el('span', null, `${pick(c.name)} · ${metres(c.overlapArea)} m²`)).addTo(group);
    }
    map.fitBounds(outline.getBounds(), { padding: [40, 40], maxZoom: 17, animate: false });
  }

  // The control lines are the server's own kinds and the numbers its measurements: escaped all the same.
  function report(result) {
    const area = result.projectArea;
    const boundary = !result.developmentBoundaryKnown ? t('check.boundaryUnknown')
      : result.insideDevelopmentBoundary ? t('check.inside')
        : t('check.outsideShare', { area: metres(result.areaOutsideDevelopmentBoundary),
          share: ((1 - result.shareInsideDevelopmentBoundary) * 100).toFixed(1),
          inside: (result.shareInsideDevelopmentBoundary * 100).toFixed(1) });
    const rows = result.conflicts.map((c) => {
      // the boundary row says how much of the site lies inside (and outside), never a bare "inside"
      const boundaryRow = c.line === 'town_development_boundary';
      const outside = boundaryRow && c.shareOfProject < 1 - 1e-9;
      const verdict = boundaryRow
        ? (outside ? t('check.partlyOutside', { inside: (c.shareOfProject * 100).toFixed(1), outside: ((1 - c.shareOfProject) * 100).toFixed(1) })
          : t('check.insideShare'))
        : c.conflict ? t('check.conflict') : t('check.noConflict');
      return `<tr data-line="${escapeHtml(c.line)}" class="${c.conflict || outside ? 'conflict' : ''}">`
        + `<th scope="row">${escapeHtml(pick(c.name))}</th>`
        + `<td class="area" data-value="${escapeHtml(c.overlapArea)}">${metres(c.overlapArea)}</td>`
        + `<td class="share" data-value="${escapeHtml(c.shareOfProject)}">${(c.shareOfProject * 100).toFixed(1)}%</td>`
        + `<td>${escapeHtml(verdict)}</td></tr>`;
    }).join('');
    panel.innerHTML = `
      <p class="verdict ${result.compliant ? 'ok' : 'bad'}">${escapeHtml(t(result.compliant ? 'check.compliant' : 'check.notCompliant'))}</p>
      <p id="check-area" data-value="${escapeHtml(area)}">${escapeHtml(t('check.projectArea', { area: metres(area), ha: (area / 10000).toFixed(2) }))}</p>
      <p id="check-boundary">${escapeHtml(boundary)}</p>
      <table id="check-table"><thead><tr><th scope="col">${escapeHtml(t('check.line'))}</th>
        <th scope="col">${escapeHtml(t('check.overlap'))}</th><th scope="col">${escapeHtml(t('check.share'))}</th>
        <th scope="col">${escapeHtml(t('check.conflict'))}</th></tr></thead><tbody>${rows}</tbody></table>
      <p class="hint">${escapeHtml(t('check.measuredIn', { epsg: result.measuredInEpsg }))}</p>`;
  }

  async function run(project) {
    state.project = project;
    state.error = null;
    document.body.dataset.check = 'busy';
    panel.replaceChildren(el('p', 'hint', t('check.checking')));
    try {
      const r = await fetch(api('/checks/control-lines'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/geo+json', Accept: 'application/json' },
        body: JSON.stringify(project),
      });
      const body = await r.json();
      if (!r.ok) return showError(t('check.error', { reason: body.reason ?? body.detail ?? `HTTP ${r.status}` }));
      state.result = body;
      draw(body, project);
      report(body);
      clear.hidden = false;
      section.scrollIntoView({ block: 'nearest' });
      document.body.dataset.check = 'ready';
    } catch (e) {
      showError(t('check.error', { reason: e.message }));
    }
    return state.result;
  }

  return {
    run,
    drawer: () => drawer,
    project: () => state.project,
    last: () => state.result,
    error: () => state.error,
  };
}
