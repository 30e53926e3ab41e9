// 补短板 — where to build the fewest parks or facilities that reach a target. Opened from an indicator card below
// its target (park coverage, the life circle): a small dialog asks the target (or how many sites), the candidates
// (a grid over the 城镇开发边界 or a layer), the park size or facility category and the distance mode, then runs
// POST …/siting as a job (progress, cancel). The result: the sites on the map numbered in the order added, the
// coverage curve (ECharts), the candidates the control lines excluded, and a button opening the scenario holding
// the sites (scenarios.js), where every indicator moves with them. Imported by indicators.js; needs an analyst token
// (the tools' token field).
import { t, hasMessage } from './i18n.js';
import { el } from './dom.js';
import { api } from './workspace.js';
import { fetchWithToken } from './toolsupport.js';
import { formatNumber } from './indicator-format.js';

const SITE_STYLE = { color: '#0d47a1', weight: 2, fillColor: '#42a5f5', fillOpacity: 0.45 };
const POLL_MS = 400;
const PARK = 'park_service_coverage';

/** A labelled field: the label wraps the control, so screen readers and tests find it by its name. */
function field(key, control) {
  const label = el('label', 'siting-field');
  label.append(el('span', null, t(key)), control);
  return label;
}

function select(id, options) {
  const s = el('select');
  s.id = id;
  for (const [value, key] of options) s.append(Object.assign(el('option', null, t(key)), { value }));
  return s;
}

function numberInput(id, value, min, max, step) {
  const i = el('input');
  Object.assign(i, { id, type: 'number', value: String(value), min: String(min), max: String(max), step: String(step) });
  return i;
}

/**
 * @param map     the Leaflet map
 * @param echarts loads the ECharts module (the dashboard's loader)
 */
export function initSiting(map, { echarts }) {
  const dialog = el('dialog', 'siting-dialog');
  dialog.id = 'siting-dialog';
  dialog.dataset.state = '';
  const heading = el('h3', null, t('siting.title'));
  const form = el('form', 'siting-form');

  const goal = select('siting-goal', [['target', 'siting.goal.target'], ['sites', 'siting.goal.sites']]);
  const goalValue = numberInput('siting-goal-value', 90, 0.1, 100, 0.1);
  const candidates = select('siting-candidates', [['grid', 'siting.candidates.grid'], ['layer', 'siting.candidates.layer']]);
  const spacing = numberInput('siting-spacing', 250, 20, 5000, 10);
  const layer = el('select');
  layer.id = 'siting-layer';
  const parkSize = select('siting-park-size', [['large', 'siting.parkSize.large'], ['small', 'siting.parkSize.small']]);
  const category = el('select');
  category.id = 'siting-category';
  const mode = select('siting-mode', [['', 'siting.mode.auto'], ['network', 'siting.mode.network'],
    ['euclidean', 'siting.mode.euclidean']]);
  const fields = {
    spacing: field('siting.spacing', spacing),
    layer: field('siting.layer', layer),
    parkSize: field('siting.parkSize', parkSize),
    category: field('siting.category', category),
  };
  const run = el('button', 'dashboard-button', t('siting.run'));
  run.type = 'submit';
  run.id = 'siting-run';
  const stop = el('button', 'dashboard-button', t('siting.cancel'));
  stop.type = 'button';
  stop.id = 'siting-cancel';
  stop.hidden = true;
  const close = el('button', 'dashboard-button', t('siting.close'));
  close.type = 'button';
  close.id = 'siting-close';
  const buttons = el('div', 'siting-buttons');
  buttons.append(run, stop, close);
  form.append(field('siting.goal', goal), field('siting.goalValue', goalValue), field('siting.candidates', candidates),
    fields.spacing, fields.layer, fields.parkSize, fields.category, field('siting.mode', mode), buttons);

  const progress = el('progress');
  progress.id = 'siting-progress';
  progress.max = 100;
  progress.value = 0;
  progress.hidden = true;
  const status = el('p', 'siting-status');
  status.id = 'siting-status';
  status.setAttribute('role', 'status');
  const summary = el('p', 'siting-summary');
  summary.id = 'siting-summary';
  const curve = el('div', 'siting-curve');
  curve.id = 'siting-curve';
  curve.hidden = true;
  curve.setAttribute('role', 'img');
  curve.setAttribute('aria-label', t('siting.curve'));
  const excluded = el('ul', 'siting-excluded');
  excluded.id = 'siting-excluded';
  const openScenario = el('button', 'dashboard-button', t('siting.openScenario'));
  openScenario.type = 'button';
  openScenario.id = 'siting-open-scenario';
  openScenario.hidden = true;
  dialog.append(heading, form, progress, status, summary, curve, excluded, openScenario);
  document.body.append(dialog);

  const sites = L.featureGroup().addTo(map);
  const state = { indicator: PARK, level: null, job: null, timer: null, chart: null, scenario: null, target: null };

  function showFields() {
    const park = state.indicator === PARK;
    fields.parkSize.hidden = !park;
    fields.category.hidden = park;
    fields.spacing.hidden = candidates.value !== 'grid';
    fields.layer.hidden = candidates.value !== 'layer';
    const byTarget = goal.value === 'target';
    Object.assign(goalValue, byTarget ? { min: '0.1', max: '100', step: '0.1' } : { min: '1', max: '500', step: '1' });
  }
  goal.addEventListener('change', () => {
    goalValue.value = goal.value === 'target' ? String(state.target ?? 90) : '3';
    showFields();
  });
  candidates.addEventListener('change', showFields);

  async function loadLayers() {
    const r = await fetchWithToken(api('/layers'));
    layer.replaceChildren();
    for (const l of (r.ok ? r.body : []).filter((x) => x.version != null)) {
      layer.append(Object.assign(el('option', null, `${l.name ?? l.id} (${l.kind})`), { value: l.id }));
    }
  }

  /**
   * Opens the dialog for a card: {@code res} is the card's result (its target, level, requirement measures),
   * {@code weakest} the life-circle requirement holding it down (preselected).
   */
  async function open(indicatorId, res, weakest) {
    state.indicator = indicatorId;
    state.level = indicatorId === PARK ? null : (res?.parameters?.level ?? '15min');
    state.target = res?.target?.value ?? null;
    heading.textContent = t(indicatorId === PARK ? 'siting.title.park' : 'siting.title.lifeCircle');
    goal.value = 'target';
    goalValue.value = String(state.target ?? 90);
    mode.value = res?.mode ?? '';
    category.replaceChildren();
    if (state.level) {
      const prefix = `category.${state.level}.`;
      for (const m of (res?.measures ?? []).filter((x) => x.id.startsWith(prefix))) {
        const key = m.id.slice(prefix.length);
        const name = hasMessage(`dashboard.category.${key}`) ? t(`dashboard.category.${key}`) : key;
        category.append(Object.assign(el('option', null, `${name} (${formatNumber(m.value)}%)`), { value: key }));
      }
      if (weakest) category.value = weakest;
    }
    showFields();
    dialog.dataset.indicator = indicatorId;
    if (!dialog.open) dialog.show();
    await loadLayers();
  }

  function request() {
    const body = { candidates: candidates.value };
    if (state.indicator === PARK) {
      Object.assign(body, { indicator: PARK, parkSize: parkSize.value });
    } else {
      Object.assign(body, { indicator: 'life_circle_coverage', category: category.value, level: state.level });
    }
    body[goal.value === 'target' ? 'target' : 'sites'] = Number(goalValue.value);
    if (candidates.value === 'grid') body.spacing = Number(spacing.value);
    else body.layer = layer.value;
    if (mode.value) body.mode = mode.value;
    return body;
  }

  function setState(s) {
    dialog.dataset.state = s;
    run.disabled = s === 'queued' || s === 'running';
    stop.hidden = !(s === 'queued' || s === 'running');
    progress.hidden = !(s === 'queued' || s === 'running' || s === 'succeeded');
  }

  function clearResult() {
    clearTimeout(state.timer);
    sites.clearLayers();
    summary.textContent = '';
    excluded.replaceChildren();
    curve.hidden = true;
    openScenario.hidden = true;
    state.scenario = null;
    delete dialog.dataset.sites;
    delete dialog.dataset.coverage;
    delete dialog.dataset.scenario;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearResult();
    setState('queued');
    progress.value = 0;
    status.textContent = t('siting.submitting');
    const r = await fetchWithToken(api('/siting'), { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request()) });
    if (!r.ok) {
      setState('failed');
      status.textContent = r.status === 401 || r.status === 403 ? t('siting.needToken')
        : t('siting.refused', { field: r.body?.field ?? '', reason: r.body?.reason ?? r.body?.detail ?? `HTTP ${r.status}` });
      dialog.dataset.errorField = r.body?.field ?? '';
      return;
    }
    delete dialog.dataset.errorField;
    state.job = r.body.id;
    dialog.dataset.job = r.body.id;
    poll(r.body);
  });

  async function poll(job) {
    if (job.id !== state.job) return; // a newer run replaced this one
    setState(job.state);
    progress.value = job.percent ?? 0;
    const stage = hasMessage(`siting.stage.${job.stage}`) ? t(`siting.stage.${job.stage}`) : job.stage;
    status.textContent = t('siting.progress', { percent: job.percent ?? 0, stage });
    if (job.state === 'succeeded') {
      status.textContent = t('siting.done');
      await showResult(job.result);
      return;
    }
    if (job.state === 'failed') {
      status.textContent = t('siting.failed', { reason: job.error?.reason ?? '' });
      return;
    }
    if (job.state === 'cancelled') {
      status.textContent = t('siting.cancelled');
      return;
    }
    state.timer = setTimeout(async () => {
      const r = await fetchWithToken(api(`/siting/${encodeURIComponent(job.id)}`));
      if (r.ok) poll(r.body);
      else {
        setState('failed');
        status.textContent = t('siting.failed', { reason: r.body?.detail ?? `HTTP ${r.status}` });
      }
    }, POLL_MS);
  }

  stop.addEventListener('click', async () => {
    if (!state.job) return;
    const r = await fetchWithToken(api(`/siting/${encodeURIComponent(state.job)}`), { method: 'DELETE' });
    if (r.ok) poll(r.body);
  });

  close.addEventListener('click', () => {
    dialog.close();
  });

  /** The sites numbered in the order added, the curve, what the control lines excluded, and the scenario. */
  async function showResult(result) {
    const features = result.sites?.features ?? [];
    for (const f of features) {
      const shape = L.geoJSON(f, { style: () => SITE_STYLE, pointToLayer: (_, latlng) => L.circleMarker(latlng, SITE_STYLE) });
      const centre = f.geometry.type === 'Point' ? L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0])
        : shape.getBounds().getCenter();
      const number = L.marker(centre, { icon: L.divIcon({ className: 'siting-number', html: String(f.properties.order),
        iconSize: [22, 22] }), keyboard: false, title: f.properties.name });
      number.bindTooltip(el('span', null, t('siting.siteTip', { order: f.properties.order,
        coverage: formatNumber(f.properties.coverageAfter) })));
      sites.addLayer(shape);
      sites.addLayer(number);
    }
    if (features.length) map.fitBounds(sites.getBounds(), { padding: [30, 30], animate: false });
    dialog.dataset.sites = String(features.length);
    dialog.dataset.coverage = String(result.coverage);
    summary.textContent = [
      t('siting.summary', { count: features.length, before: formatNumber(result.coverageBefore),
        after: formatNumber(result.coverage) }),
      result.reached || result.target == null ? '' : t('siting.unreachable', { target: result.target,
        best: formatNumber(result.bestReachable ?? result.coverage) }),
      // the optimality gap: a share of the optimum for k sites, extra sites over the proven fewest for a target
      result.gap == null ? '' : result.target == null ? t('siting.gap', { gap: formatNumber(100 * result.gap), solver: result.solver })
        : t('siting.gapSites', { extra: result.gap, fewest: result.fewestPossible ?? '—' }),
    ].filter(Boolean).join(' ');
    excluded.replaceChildren(el('li', null, t('siting.kept', { kept: result.candidatesKept, total: result.candidates })));
    for (const [reason, count] of Object.entries(result.excluded ?? {})) {
      const li = el('li', null, t('siting.excludedBy', { reason: hasMessage(`siting.excluded.${reason}`)
        ? t(`siting.excluded.${reason}`) : reason, count }));
      li.dataset.reason = reason;
      li.dataset.count = String(count);
      excluded.append(li);
    }
    state.scenario = result.scenario ?? null;
    openScenario.hidden = !state.scenario;
    if (state.scenario) dialog.dataset.scenario = state.scenario;
    await drawCurve(result);
  }

  async function drawCurve(result) {
    const values = result.curve ?? []; // coverage after 0, 1, … sites: [0] is today's
    curve.hidden = false;
    const { init } = await echarts();
    state.chart ??= init(curve, null, { renderer: 'canvas' });
    state.chart.setOption({
      animation: false,
      grid: { left: 44, right: 12, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${formatNumber(v)}%` },
      xAxis: { type: 'category', name: t('siting.curve.sites'), nameLocation: 'middle', nameGap: 22,
        data: values.map((_, i) => String(i)) },
      yAxis: { type: 'value', name: '%', min: ({ min }) => Math.max(0, Math.floor(min - 5)), max: 100 },
      series: [{
        type: 'line',
        name: t('siting.curve'),
        data: values,
        markLine: result.target == null ? undefined : { symbol: 'none', silent: true,
          lineStyle: { color: '#52606d', type: 'dashed' }, label: { formatter: t('dashboard.chart.target') },
          data: [{ yAxis: result.target }] },
      }],
    }, true);
    state.chart.resize();
  }

  openScenario.addEventListener('click', async () => {
    if (state.scenario && window.greenplan?.scenarios) await window.greenplan.scenarios.select(state.scenario);
  });

  const controller = { open, sites: () => sites, chart: () => state.chart, dialog };
  window.greenplan = Object.assign(window.greenplan ?? {}, { siting: controller });
  return controller;
}
