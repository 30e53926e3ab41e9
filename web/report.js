// The printable report: the map (admin areas, park service-radius gaps) and the indicator table for the
// dashboard's target set, year and area. Leaflet draws the map in the page (SVG, so it prints sharply).
import { t, pick, applyMessages } from './i18n.js';
import { el } from './dom.js';
import { formatSigned, formatValue, getJson, missingKinds, publishedKinds, query, unitLabel } from './indicator-format.js';
import { api, ogc } from './workspace.js';

const params = new URLSearchParams(location.search);
const context = { targets: params.get('targets') ?? 'zhejiang-beautiful-towns', year: params.get('year') ?? '',
  area: params.get('area') ?? 'all' };
applyMessages();
document.title = `greenplan · ${t('report.title')}`;
document.getElementById('report-print').addEventListener('click', () => window.print());
document.getElementById('report-back').href = `/${location.search}`;
const status = document.getElementById('report-status');
window.greenplan = { report: { context } };

const map = L.map('report-map', { zoomControl: false, attributionControl: true, zoomSnap: 0.1 });
if (params.get('basemap') === 'osm') {
  L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
    maxZoom: 19, attribution: '&copy; OpenStreetMap contributors',
  }).addTo(map);
}

async function items(collectionId) {
  return getJson(ogc(`/collections/${encodeURIComponent(collectionId)}/items?limit=5000`));
}

async function drawMap() {
  const { collections } = await getJson(ogc('/collections'));
  const bounds = L.latLngBounds([]);
  for (const kind of ['built_up_area', 'admin_area']) {
    for (const c of collections.filter((x) => x.kind === kind)) {
      const layer = L.geoJSON(await items(c.id), {
        style: () => ({ ...c.style, fillOpacity: kind === 'admin_area' ? 0 : 0.15, weight: kind === 'admin_area' ? 1.5 : 0.5 }),
        interactive: false,
      }).addTo(map);
      if (kind === 'admin_area') {
        // an element, not a string: Leaflet would parse a string as HTML, and area names come from uploads
        layer.eachLayer((l) => l.bindTooltip(el('span', null, String(l.feature.properties.name ?? '')),
          { permanent: true, direction: 'center', className: 'area-label' }));
      }
      if (layer.getLayers().length) bounds.extend(layer.getBounds());
    }
  }
  try {
    const gaps = await getJson(api(`/indicators/park_service_coverage/gaps${query({ area: context.area })}`));
    const layer = L.geoJSON(gaps, { style: () => ({ color: '#b71c1c', weight: 0.5, fillColor: '#e53935', fillOpacity: 0.55 }), interactive: false }).addTo(map);
    if (!bounds.isValid() && layer.getLayers().length) bounds.extend(layer.getBounds());
  } catch (e) {
    // no residential or park layer: the map shows the areas only
  }
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8], animate: false });
  else map.setView([30.4, 119.95], 12);
}

async function fillTable() {
  const [{ indicators }, { targetSets }, kinds] = await Promise.all([getJson(api('/indicators')),
    getJson(api('/targets')), publishedKinds(api('/layers'))]);
  const set = targetSets.find((s) => s.id === context.targets);
  const body = document.querySelector('#report-indicators tbody');
  let areaName = t('dashboard.area.all');
  let targetYear = null; // the year the server compared and why (its one rule)
  for (const d of indicators) {
    const row = el('tr');
    row.dataset.indicatorId = d.id;
    row.append(el('td', 'name', pick(d.name)));
    try {
      // no published layer of a required kind: the 422 the server would give, without asking
      if (missingKinds(d, kinds).length) throw Object.assign(new Error(t('dashboard.missingLayers')), { status: 422 });
      const res = await getJson(api(`/indicators/${encodeURIComponent(d.id)}${query(context)}`));
      if (res.area?.name) areaName = res.area.name;
      if (res.targetYear) targetYear = res.targetYear;
      const value = el('td', 'num value', formatValue(res.value, res.unit));
      value.dataset.value = res.value;
      // the coverage indicators count residents beside land (how they were found: parameters.populationSource)
      const covered = (res.measures || []).find((m) => m.id === 'residents_covered');
      if (covered) {
        const line = el('div', 'residents', t('dashboard.residents', {
          covered: Math.round(covered.numerator).toLocaleString(),
          residents: Math.round(covered.denominator).toLocaleString(),
          share: covered.denominator > 0 ? ((100 * covered.numerator) / covered.denominator).toFixed(1) : '—',
        }));
        const source = res.parameters?.populationSource;
        if (source) line.title = t(`dashboard.populationSource.${source}`);
        value.append(line);
      }
      const target = el('td', 'num target', res.target
        ? `${res.target.comparator} ${res.target.value} ${unitLabel(res.target.unit)} (${res.target.year})`
          + (res.target.verified === false ? ` ${t('dashboard.unverified')}` : '') : '—');
      if (res.target) target.title = [res.target.document, res.target.citation].filter(Boolean).join(' · ');
      const s = ['met', 'gap', 'no_data'].includes(res.status) ? res.status : 'no_target';
      row.className = s;
      const statusCell = el('td', 'status', s === 'gap' ? t('dashboard.status.gap', { distance: '' }).trim() : t(`dashboard.status.${s}`));
      const distance = el('td', 'num', res.distanceToTarget != null ? formatSigned(res.distanceToTarget) : '—');
      const layers = el('td', 'layers', res.layersUsed.map((u) => `${u.id}:${u.version}`).join(' '));
      row.append(value, target, statusCell, distance, layers);
    } catch (e) {
      const cell = el('td', 'num value', e.status === 422 ? t('dashboard.missingLayers') : t('dashboard.unavailable'));
      cell.colSpan = 5;
      row.append(cell);
      row.className = 'unavailable';
    }
    body.append(row);
  }
  document.getElementById('report-meta').textContent = t('report.meta', {
    targets: set ? pick(set.name) : '—', year: targetYear ? `${targetYear.year}（${t(`dashboard.yearRule.${targetYear.rule}`, { now: targetYear.currentYear })}）` : '—', area: areaName });
}

async function main() {
  document.getElementById('report-generated').textContent = t('report.generated', { time: new Date().toLocaleString(document.documentElement.lang) });
  await Promise.all([drawMap(), fillTable()]);
  status.textContent = '';
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  status.textContent = t('report.failed', { message: e.message });
  document.body.dataset.ready = 'error';
});
