// The province view (province.html): a finished run of the batch job (batch/, GET /api/v1/province, the latest
// unless ?run=<id>), its units on a choropleth by the share of their judged targets met and in a table ranked as
// the server ranks them (more targets met, then fewer gaps). A unit's row or polygon opens that unit's own
// dashboard: the map page with the dashboard open on the admin area (?dashboard=open&area=<code>).
import { t, pick, applyMessages, setLanguage, lang } from './i18n.js';
import { el } from './dom.js';
import { formatValue, getJson } from './indicator-format.js';
import { ws } from './workspace.js';

// share of the judged targets met → fill, in fifths from red to green; grey when nothing was judged
const RAMP = ['#c62828', '#ef6c00', '#f9a825', '#9ccc65', '#2e7d32'];
const NOTHING_JUDGED = '#9aa5b1';

applyMessages();
document.title = t('province.title');
const languagePicker = document.getElementById('language');
languagePicker.value = lang;
languagePicker.addEventListener('change', (e) => setLanguage(e.target.value));

const params = new URLSearchParams(location.search);
const status = document.getElementById('province-status');
const table = document.getElementById('province-table');
const map = L.map('province-map', { zoomControl: true }).setView([30.4, 119.95], 10);
const units = new Map(); // code → { unit, layer, row }
window.greenplan = { map, province: { units, fill: (code) => units.get(code)?.layer.options.fillColor } };

/** The share of the unit's judged rows (met, gap, no data) that met their target, or null when none was judged. */
function shareMet(u) {
  const judged = u.met + u.gap + u.noData;
  return judged ? u.met / judged : null;
}

function colour(share) {
  return share == null ? NOTHING_JUDGED : RAMP[Math.min(RAMP.length - 1, Math.floor(share * RAMP.length))];
}

/**
 * The unit's own dashboard: the map page on the run's workspace (a run over files has none: the page's), the
 * dashboard open and scoped to the unit's admin area by its code.
 */
function dashboardUrl(run, u) {
  const q = new URLSearchParams({ ws: run.workspace ?? ws, dashboard: 'open', area: u.code });
  if (params.get('lang')) q.set('lang', params.get('lang'));
  return `/?${q}`;
}

/** The indicator and mode pairs any unit was judged on, in catalogue order: the table's value columns. */
function judgedColumns(list, catalogue) {
  const order = new Map(catalogue.map((d, i) => [d.id, i]));
  const seen = new Map();
  for (const u of list) {
    for (const r of u.results) {
      if (r.comparator != null) seen.set(`${r.indicator}|${r.mode ?? ''}`, { indicator: r.indicator, mode: r.mode });
    }
  }
  return [...seen.values()].sort((a, b) => (order.get(a.indicator) ?? 99) - (order.get(b.indicator) ?? 99)
    || String(a.mode ?? '').localeCompare(String(b.mode ?? '')));
}

function header(columns, names) {
  const tr = table.tHead.rows[0];
  const th = (text, className) => {
    const h = el('th', className, text);
    h.scope = 'col';
    return h;
  };
  tr.replaceChildren(th(t('province.col.rank')), th(t('province.col.unit'), 'unit'), th(t('province.col.met')),
    th(t('province.col.gap')), th(t('province.col.noData')));
  for (const c of columns) {
    const h = th(names.get(c.indicator) ?? c.indicator);
    if (c.mode) h.append(el('small', null, ` ${t(`province.mode.${c.mode}`)}`));
    tr.append(h);
  }
}

function row(run, u, columns) {
  const tr = el('tr');
  tr.dataset.code = u.code;
  tr.dataset.rank = u.rank;
  tr.dataset.status = u.status ?? 'none';
  const name = el('td', 'unit');
  const link = el('a', null, u.name ?? u.code);
  link.href = dashboardUrl(run, u);
  name.append(link, el('small', null, u.level ? `${u.code} · ${u.level}` : u.code));
  tr.append(el('td', null, String(u.rank)), name, el('td', 'met', String(u.met)), el('td', 'gap', String(u.gap)),
    el('td', 'no_data', String(u.noData)));
  for (const c of columns) {
    const r = u.results.find((x) => x.indicator === c.indicator && (x.mode ?? null) === (c.mode ?? null));
    const cell = el('td', r?.status ?? null, r ? formatValue(r.value, r.measure) : '—');
    if (r?.comparator != null) cell.title = `${r.comparator} ${r.target} (${r.targetYear}) · ${t(`province.status.${r.status}`)}`;
    else if (r?.reason) cell.title = r.reason;
    tr.append(cell);
  }
  tr.addEventListener('click', (e) => {
    if (e.target.closest('a')) return; // the link itself navigates
    location.assign(dashboardUrl(run, u));
  });
  return tr;
}

function tooltip(u) {
  const box = el('div');
  box.append(el('strong', null, u.name ?? u.code), el('br'),
    t('province.tooltip', { rank: u.rank, met: u.met, gap: u.gap, noData: u.noData }));
  return box;
}

function legend() {
  const c = L.control({ position: 'bottomright' });
  c.onAdd = () => {
    const box = el('div', 'legend province-legend');
    box.append(el('strong', null, t('province.legend')));
    RAMP.forEach((fill, i) => {
      const line = el('div');
      const sw = el('span', 'swatch');
      sw.style.background = fill;
      line.append(sw, `${i * 20}–${(i + 1) * 20}%`);
      box.append(line);
    });
    const none = el('div');
    const sw = el('span', 'swatch');
    sw.style.background = NOTHING_JUDGED;
    none.append(sw, t('province.legend.none'));
    box.append(none);
    return box;
  };
  return c;
}

async function load() {
  const q = params.get('run') ? `?run=${encodeURIComponent(params.get('run'))}` : '';
  const [{ run, units: list }, { indicators }] = await Promise.all([getJson(`/api/v1/province${q}`),
    getJson('/api/v1/indicators')]);
  const names = new Map(indicators.map((d) => [d.id, pick(d.name)]));
  document.getElementById('province-run').textContent = t('province.run', { id: run.id, set: run.targetSet ?? '—',
    year: run.targetYear ?? '—', finished: run.finishedAt, count: list.length });

  const columns = judgedColumns(list, indicators);
  header(columns, names);
  const body = table.tBodies[0];
  const group = L.featureGroup().addTo(map);
  for (const u of list) {
    const tr = row(run, u, columns);
    body.append(tr);
    const fill = colour(shareMet(u));
    const layer = L.geoJSON({ type: 'Feature', geometry: u.geometry, properties: {} }, {
      style: () => ({ color: '#243b53', weight: 1, fillColor: fill, fillOpacity: 0.75, className: 'province-unit' }),
    });
    layer.eachLayer((l) => {
      l.options.fillColor = fill;
      l.bindTooltip(tooltip(u), { sticky: true });
      l.on('click', () => location.assign(dashboardUrl(run, u)));
      l.on('mouseover', () => tr.classList.add('highlight'));
      l.on('mouseout', () => tr.classList.remove('highlight'));
    });
    layer.options.fillColor = fill;
    group.addLayer(layer);
    units.set(u.code, { unit: u, layer, row: tr });
    tr.addEventListener('mouseenter', () => layer.setStyle({ weight: 3 }));
    tr.addEventListener('mouseleave', () => layer.setStyle({ weight: 1 }));
  }
  // the paths carry their unit's code, for the tests and for anyone reading the SVG
  for (const [code, { layer }] of units) layer.eachLayer((l) => l.getElement()?.setAttribute('data-code', code));
  if (group.getLayers().length) map.fitBounds(group.getBounds(), { padding: [12, 12], animate: false });
  legend().addTo(map);
  table.hidden = false;
  status.textContent = t('province.ranked', { count: list.length });
}

load().then(() => {
  document.body.dataset.ready = 'true';
}).catch((e) => {
  status.textContent = e.status === 404 ? t('province.none', { message: e.message }) : t('province.failed', { message: e.message });
  status.classList.add('error');
  document.body.dataset.ready = e.status === 404 ? 'empty' : 'error';
});
