// The planner's indicator dashboard: one card per indicator (value, target for the chosen year, status,
// a bar chart per street/village), opened from the top bar beside the map. Clicking a card draws its gaps
// on the map; below the cards, the version comparison and the exports. Imported by app.js.
import { t, pick } from './i18n.js';
import { el } from './dom.js';
import { formatNumber, formatSigned, formatValue, getJson, missingKinds, publishedKinds, query, unitLabel }
  from './indicator-format.js';
import { initCompare } from './compare.js';
import { api as wsApi, ws } from './workspace.js';
import { initSiting } from './siting.js';

const ECHARTS = '/_static/echarts/6.0.0/dist/echarts.esm.min.js'; // the org.mvnpm:echarts jar (pom.xml)
const DEFAULT_TARGETS = 'zhejiang-beautiful-towns';
const COLOURS = { met: '#2e7d32', gap: '#c62828', none: '#9aa5b1' };
// the indicators the 补短板 siting can raise (POST …/siting): park coverage, and the life circle by category
const SITING = new Set(['park_service_coverage', 'life_circle_coverage']);
const GAP_STYLE = { color: '#b71c1c', weight: 1, fillColor: '#e53935', fillOpacity: 0.5 };
// per-parcel accessibility (accessibility_2sfca findings): five classes, pale (little per resident) to dark green
const ACCESS_COLOURS = ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'];

/** The class breaks of a 2SFCA result: its population-weighted quartiles and 90th percentile. */
function accessBreaks(res) {
  return ['p25', 'p50', 'p75', 'p90'].map((id) => (res?.measures ?? []).find((m) => m.id === id)?.value ?? Infinity);
}

function accessStyle(value, breaks) {
  const k = breaks.filter((b) => value > b).length;
  return { color: '#2f3b45', weight: 0.4, fillColor: value > 0 ? ACCESS_COLOURS[k] : '#e53935', fillOpacity: 0.7 };
}

let echartsModule = null;
async function echarts() {
  echartsModule ??= await import(ECHARTS);
  return echartsModule;
}

function niceCeiling(v) {
  if (v <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / step) * step;
}

function statusOf(res) {
  return res.status === 'met' || res.status === 'gap' ? res.status : 'none';
}

/** Labelled select: the label element wraps it, so screen readers and tests find the name. */
function labelled(key, select) {
  const label = el('label', 'dashboard-field');
  label.append(el('span', null, t(key)), select);
  return label;
}

/** Builds the dashboard (hidden until opened from the top bar) and returns its controller. */
export function initIndicators(map) {
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = '/dashboard.css';
  document.head.append(css);

  const toggle = el('button', 'dashboard-toggle', t('dashboard.open'));
  toggle.type = 'button';
  toggle.id = 'dashboard-toggle';
  toggle.setAttribute('aria-controls', 'dashboard');
  toggle.setAttribute('aria-expanded', 'false');
  const topbar = document.querySelector('.topbar');
  topbar.insertBefore(toggle, topbar.querySelector('.basemap') ?? null);

  const panel = el('aside', 'dashboard');
  panel.id = 'dashboard';
  panel.hidden = true;
  panel.setAttribute('aria-labelledby', 'dashboard-title');
  panel.dataset.ready = 'false';
  const head = el('div', 'dashboard-head');
  const title = el('h2', null, t('dashboard.title'));
  title.id = 'dashboard-title';
  title.tabIndex = -1;
  const close = el('button', 'dashboard-close', '×');
  close.type = 'button';
  close.setAttribute('aria-label', t('dashboard.close'));
  head.append(title, close);

  const targetPicker = el('select');
  targetPicker.id = 'dashboard-targets';
  const yearPicker = el('select');
  yearPicker.id = 'dashboard-year';
  const areaPicker = el('select');
  areaPicker.id = 'dashboard-area';
  areaPicker.append(Object.assign(el('option', null, t('dashboard.area.all')), { value: 'all' }));
  const controls = el('div', 'dashboard-controls');
  controls.append(labelled('dashboard.targets', targetPicker), labelled('dashboard.year', yearPicker),
    labelled('dashboard.area', areaPicker));

  const exportLink = el('a', 'dashboard-button', t('dashboard.export'));
  exportLink.id = 'dashboard-export';
  exportLink.setAttribute('download', 'greenplan-indicators.csv');
  const reportLink = el('a', 'dashboard-button', t('dashboard.report'));
  reportLink.id = 'dashboard-report';
  reportLink.target = '_blank';
  reportLink.rel = 'noopener';
  // the reports to file, drawn by the server (Word for the bureau to edit, PDF to archive); the page above stays for quick looks
  const docxLink = el('a', 'dashboard-button', t('dashboard.report.docx'));
  docxLink.id = 'dashboard-report-docx';
  docxLink.setAttribute('download', '');
  const pdfLink = el('a', 'dashboard-button', t('dashboard.report.pdf'));
  pdfLink.id = 'dashboard-report-pdf';
  pdfLink.setAttribute('download', '');
  const clearGaps = el('button', 'dashboard-button', t('dashboard.gaps.clear'));
  clearGaps.type = 'button';
  const actions = el('div', 'dashboard-actions');
  actions.append(exportLink, reportLink, docxLink, pdfLink, clearGaps);

  const status = el('p', 'dashboard-status', t('dashboard.loading'));
  status.setAttribute('role', 'status');
  const hint = el('p', 'dashboard-hint', t('dashboard.hint'));
  const cards = el('div', 'dashboard-cards');
  cards.setAttribute('aria-label', t('dashboard.cards'));
  const compareSection = el('section', 'compare');
  compareSection.id = 'compare';
  panel.append(head, controls, actions, status, hint, cards, compareSection);
  document.querySelector('.layout').append(panel);

  const gapPane = map.createPane('dashboard-gaps');
  gapPane.style.zIndex = 450;
  gapPane.style.pointerEvents = 'none'; // only the gap shapes take clicks; the canvas below keeps the rest
  const gapRenderer = L.svg({ pane: 'dashboard-gaps' });

  const state = { defs: [], targetSets: [], results: new Map(), charts: new Map(), gaps: null, gapsOf: null, loaded: false,
    kinds: null };
  const context = () => ({ targets: targetPicker.value, year: yearPicker.value, area: areaPicker.value });
  // the scenario picked in the scenario bar (scenarios.js): cards show 现状 / 方案 / Δ, gaps are the scenario's
  const scenario = () => window.greenplan?.scenarios?.current?.() || '';
  const compared = () => (scenario() ? { scenario: scenario(), compare: 'baseline' } : {});
  const compare = initCompare(compareSection, { context, catalogue: () => state.defs });
  const siting = initSiting(map, { echarts });

  const api = {
    open: () => setOpen(true),
    close: () => setOpen(false),
    gapFeatureCount: () => (state.gaps && map.hasLayer(state.gaps) ? state.gaps.getLayers().length : 0),
    gapsShown: () => state.gapsOf,
    gapLayer: () => state.gaps,
    showGaps: (id) => showGaps(id),
    compare,
  };
  window.greenplan = Object.assign(window.greenplan ?? {}, { dashboard: api });

  function setOpen(open) {
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.classList.toggle('active', open);
    map.invalidateSize();
    if (open) {
      if (!state.loaded) {
        state.loaded = true;
        load();
      } else {
        for (const c of state.charts.values()) c.resize();
        compare.refreshLayers();
      }
      title.focus?.();
    } else {
      toggle.focus();
    }
  }
  toggle.addEventListener('click', () => setOpen(panel.hidden));
  close.addEventListener('click', () => setOpen(false));
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') setOpen(false);
  });
  clearGaps.addEventListener('click', () => removeGaps());

  function updateLinks() {
    exportLink.href = wsApi(`/indicators.csv${query({ ...context(), ...compared() })}`);
    const r = new URLSearchParams({ ...context(), ws });
    reportLink.href = `/report.html?${r}`;
    // the filed reports put a picked scenario beside its baseline (现状 / 方案 / Δ), as the cards do
    const q = query({ ...context(), ...(scenario() ? { scenario: scenario() } : {}) });
    docxLink.href = wsApi(`/report.docx${q}`);
    pdfLink.href = wsApi(`/report.pdf${q}`);
  }

  function card(def) {
    const c = el('article', 'indicator-card');
    c.dataset.indicatorId = def.id;
    c.dataset.status = 'loading';
    c.tabIndex = 0;
    c.setAttribute('role', 'button');
    c.setAttribute('aria-label', pick(def.name));
    const name = el('h3', 'card-name', pick(def.name));
    const value = el('div', 'card-value', '…');
    const versus = el('div', 'card-compare');
    versus.hidden = true;
    const target = el('div', 'card-target');
    const badge = el('div', 'card-status');
    const limit = el('div', 'card-limit');
    limit.hidden = true;
    const residents = el('div', 'card-residents');
    residents.hidden = true;
    const chart = el('div', 'card-chart');
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-label', t('dashboard.chart.label', { name: pick(def.name) }));
    const fix = el('button', 'card-siting', t('siting.open'));
    fix.type = 'button';
    fix.hidden = true;
    // a button inside the card: its click opens the siting dialog, not the card's gap map
    fix.addEventListener('click', (e) => {
      e.stopPropagation();
      siting.open(def.id, state.results.get(def.id), c.querySelector('.card-limit').dataset.category);
    });
    fix.addEventListener('keydown', (e) => e.stopPropagation());
    c.append(name, value, versus, residents, target, badge, limit, fix, chart);
    c.addEventListener('click', () => showGaps(def.id));
    c.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        showGaps(def.id);
      }
    });
    return c;
  }

  async function fill(def, kinds) {
    const c = cards.querySelector(`[data-indicator-id="${def.id}"]`);
    const [value, target, badge, chart] = ['.card-value', '.card-target', '.card-status', '.card-chart']
      .map((s) => c.querySelector(s));
    c.dataset.status = 'loading';
    const missing = missingKinds(def, kinds);
    if (missing.length) {
      value.textContent = t('dashboard.missingLayers');
      value.title = missing.map((k) => pick(k.name) ?? k.kind).join(', ');
      delete value.dataset.value;
      target.textContent = '';
      badge.textContent = '';
      c.dataset.status = 'unavailable';
      return;
    }
    try {
      const answer = await getJson(wsApi(`/indicators/${encodeURIComponent(def.id)}${query({ ...context(), ...compared() })}`));
      const res = answer.scenario ?? answer;
      showVersus(c.querySelector('.card-compare'), answer);
      showResidents(c.querySelector('.card-residents'), res);
      state.results.set(def.id, res);
      value.textContent = formatValue(res.value, res.unit);
      value.dataset.value = res.value;
      const s = statusOf(res);
      c.dataset.status = s;
      if (res.targetYear) state.targetYear = res.targetYear;
      if (res.target) {
        target.textContent = t('dashboard.target', { comparator: res.target.comparator, value: res.target.value,
          unit: unitLabel(res.target.unit), year: res.target.year });
        // a figure not checked against its primary text says so on the card
        if (res.target.verified === false) target.append(el('span', 'card-unverified', ` ${t('dashboard.unverified')}`));
        target.dataset.verified = String(res.target.verified !== false);
        target.title = [res.target.document, res.target.citation, res.target.source].filter(Boolean).join(' · ');
        target.dataset.targetValue = res.target.value;
        target.dataset.targetYear = res.target.year;
        badge.textContent = s === 'met' ? t('dashboard.status.met')
          : t('dashboard.status.gap', { distance: formatSigned(res.distanceToTarget) });
        badge.dataset.distance = res.distanceToTarget;
      } else {
        target.textContent = t('dashboard.noTarget');
        delete target.dataset.targetValue;
        delete target.dataset.targetYear;
        badge.textContent = t('dashboard.status.no_target');
        delete badge.dataset.distance;
      }
      if (res.status === 'no_data') {
        badge.textContent = t('dashboard.status.no_data');
        badge.title = res.noDataReason || '';
      }
      showLimit(c.querySelector('.card-limit'), res, s);
      // 补短板 below target, on the indicators the siting raises
      c.querySelector('.card-siting').hidden = !(SITING.has(def.id) && s === 'gap');
      addAreas(res.breakdown);
      nameArea(res.area);
      await drawChart(def, chart, res);
    } catch (e) {
      c.querySelector('.card-siting').hidden = true;
      value.textContent = e.status === 422 ? t('dashboard.missingLayers') : t('dashboard.unavailable');
      value.title = e.message;
      delete value.dataset.value;
      target.textContent = '';
      badge.textContent = '';
      c.dataset.status = 'unavailable';
    }
  }

  /**
   * Below target (or at 0): the facility category holding the life circle down, i.e. the requirement of the
   * reported level with the lowest coverage (measures category.<level>.<key>, key as in life-circle-levels.csv).
   */
  function showLimit(box, res, status) {
    const level = res.parameters?.level ?? '15min';
    const prefix = `category.${level}.`;
    const weakest = (res.measures ?? []).filter((m) => m.id.startsWith(prefix) && m.value != null)
      .sort((a, b) => a.value - b.value)[0];
    const held = weakest && (status === 'gap' || res.value === 0) && weakest.value < 100;
    box.hidden = !held;
    box.textContent = held ? t('dashboard.limitedBy', { category: t(`dashboard.category.${weakest.id.slice(prefix.length)}`),
      value: formatValue(weakest.value, weakest.unit) }) : '';
    if (held) box.dataset.category = weakest.id.slice(prefix.length);
    else delete box.dataset.category;
  }

  /** Residents covered beside land covered, for the coverage indicators, and how the residents were found. */
  function showResidents(box, res) {
    const covered = (res.measures || []).find((m) => m.id === 'residents_covered');
    box.hidden = !covered;
    if (!covered) return;
    const share = covered.denominator > 0 ? (100 * covered.numerator) / covered.denominator : null;
    box.textContent = t('dashboard.residents', {
      covered: Math.round(covered.numerator).toLocaleString(),
      residents: Math.round(covered.denominator).toLocaleString(),
      share: share === null ? '—' : share.toFixed(1),
    });
    const source = res.parameters && res.parameters.populationSource;
    box.dataset.populationSource = source || '';
    box.title = source ? t(`dashboard.populationSource.${source}`) : '';
  }

  /** 现状 / 方案 / Δ under the value when a scenario is picked (the value shown is then the scenario's). */
  function showVersus(box, answer) {
    box.hidden = !answer.scenario;
    if (!answer.scenario) {
      box.textContent = '';
      delete box.dataset.baseline;
      delete box.dataset.scenario;
      delete box.dataset.delta;
      return;
    }
    const unit = answer.scenario.unit;
    box.textContent = t('dashboard.scenario.compare', { baseline: formatValue(answer.baseline.value, unit),
      scenario: formatValue(answer.scenario.value, unit), delta: answer.delta == null ? '—' : formatSigned(answer.delta) });
    box.dataset.baseline = answer.baseline.value;
    box.dataset.scenario = answer.scenario.value;
    box.dataset.delta = answer.delta;
  }

  function addAreas(breakdown) {
    if (!breakdown?.length || areaPicker.value !== 'all') return;
    const listed = new Set([...areaPicker.options].map((o) => o.value));
    for (const b of breakdown) {
      if (!listed.has(b.areaId)) areaPicker.append(Object.assign(el('option', null, b.areaName ?? b.areaId), { value: b.areaId }));
    }
  }

  // an area the address asked for (?area=) is listed under its code until the server names it
  function nameArea(area) {
    const o = [...areaPicker.options].find((x) => x.value === area?.id);
    if (o && area.name && o.textContent === o.value) o.textContent = area.name;
  }

  async function drawChart(def, box, res) {
    const rows = res.breakdown ?? [];
    box.hidden = rows.length === 0;
    if (!rows.length) return;
    const { init } = await echarts();
    let chart = state.charts.get(def.id);
    if (!chart) {
      chart = init(box, null, { renderer: 'canvas' });
      state.charts.set(def.id, chart);
    }
    chart.setOption({
      animation: false,
      grid: { left: 40, right: 8, top: 12, bottom: 44 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => formatValue(v, res.unit) },
      xAxis: { type: 'category', data: rows.map((b) => b.areaName ?? b.areaId),
        axisLabel: { interval: 0, rotate: rows.length > 4 ? 35 : 0, fontSize: 10 } },
      // the axis reaches the target, so a bar far below it is seen far below it
      yAxis: { type: 'value', axisLabel: { fontSize: 10 },
        max: res.target ? ({ max }) => niceCeiling(Math.max(max, res.target.value)) : null },
      series: [{
        type: 'bar',
        name: pick(def.name),
        data: rows.map((b) => ({ value: b.value, itemStyle: { color: COLOURS[statusOf(b)] } })),
        markLine: res.target ? { symbol: 'none', silent: true, lineStyle: { color: '#52606d', type: 'dashed' },
          label: { formatter: t('dashboard.chart.target'), position: 'insideEndTop', fontSize: 9 }, data: [{ yAxis: res.target.value }] } : undefined,
      }],
    }, true);
  }

  function removeGaps() {
    if (state.gaps) map.removeLayer(state.gaps);
    state.gaps = null;
    state.gapsOf = null;
    panel.dataset.gapsShown = '';
    for (const c of cards.querySelectorAll('.indicator-card.selected')) c.classList.remove('selected');
  }

  function gapPopup(indicatorId, props) {
    const box = el('div', 'gap-popup');
    const kind = props.kind === 'gap' ? indicatorId : props.kind;
    box.append(el('h4', null, t(`dashboard.gap.${kind}`)));
    if (props.area_m2 != null) box.append(el('p', null, t('dashboard.gap.area', { area: formatNumber(props.area_m2 / 10000) })));
    if (props.kind === 'accessibility') {
      const unit = state.results.get(indicatorId)?.unit;
      box.append(el('p', null, t('dashboard.gap.accessibilityValue', { value: formatValue(props.accessibility, unit),
        residents: Math.round(props.residents).toLocaleString(), sites: props.sites })));
    }
    for (const level of ['15min', '10min', '5min']) {
      if (!Array.isArray(props[level])) continue;
      box.append(el('p', 'gap-missing', t('dashboard.gap.missing', { level: t(`dashboard.level.${level}`) })));
      const list = el('ul');
      for (const key of props[level]) list.append(el('li', null, t(`dashboard.category.${key}`)));
      box.append(list);
    }
    return box;
  }

  async function showGaps(id) {
    const def = state.defs.find((d) => d.id === id);
    const name = def ? pick(def.name) : id;
    removeGaps();
    panel.dataset.gapsShown = 'loading';
    try {
      if (def && missingKinds(def, state.kinds).length) throw new Error(t('dashboard.missingLayers'));
      const fc = await getJson(wsApi(`/indicators/${encodeURIComponent(id)}/gaps${query({ area: areaPicker.value, scenario: scenario() })}`));
      // per-parcel findings carry what is missing; when present they replace the merged gap outline
      const located = fc.features.filter((f) => f.properties.kind !== 'gap');
      const features = located.length ? located : fc.features;
      cards.querySelector(`[data-indicator-id="${id}"]`)?.classList.add('selected');
      if (!features.length) {
        status.textContent = fc.features.length === 0 && !def?.gapDescription
          ? t('dashboard.gaps.notMapped', { name }) : t('dashboard.gaps.none', { name });
        panel.dataset.gapsShown = id;
        state.gapsOf = id;
        return;
      }
      const breaks = accessBreaks(state.results.get(id));
      state.gaps = L.geoJSON({ type: 'FeatureCollection', features }, {
        renderer: gapRenderer,
        pane: 'dashboard-gaps',
        style: (f) => (f.properties.kind === 'accessibility' ? accessStyle(f.properties.accessibility, breaks) : GAP_STYLE),
        pointToLayer: (f, latlng) => L.circleMarker(latlng, { ...GAP_STYLE, renderer: gapRenderer, pane: 'dashboard-gaps' }),
        onEachFeature: (f, layer) => layer.bindPopup(() => gapPopup(id, f.properties), { maxWidth: 320 }),
      }).addTo(map);
      state.gapsOf = id;
      const bounds = state.gaps.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], animate: false });
      status.textContent = t('dashboard.gaps.shown', { name, count: features.length });
      panel.dataset.gapsShown = id;
    } catch (e) {
      status.textContent = t('dashboard.gaps.failed', { message: e.message });
      panel.dataset.gapsShown = 'error';
    }
  }

  async function refresh() {
    // a newer refresh (another scenario edit) supersedes this one: only the latest says the cards are ready
    const generation = (state.generation = (state.generation ?? 0) + 1);
    panel.dataset.ready = 'false';
    state.targetYear = null;
    status.textContent = t('dashboard.loading');
    updateLinks();
    // the kinds the workspace has published layers of (null when unknown: then every card asks the server)
    const kinds = await publishedKinds(wsApi('/layers'));
    state.kinds = kinds;
    // one at a time: the server has few cores, and the first run of each indicator computes it
    for (const def of state.defs) {
      if (generation !== state.generation) return;
      await fill(def, kinds);
    }
    if (generation !== state.generation) return;
    // which year was compared and why: the server's one rule (the year picked, else the set's nearest target year)
    status.textContent = state.targetYear
      ? t('dashboard.readyYear', { count: state.defs.length, year: state.targetYear.year,
        rule: t(`dashboard.yearRule.${state.targetYear.rule}`, { now: state.targetYear.currentYear }) })
      : t('dashboard.ready', { count: state.defs.length });
    status.dataset.targetYear = state.targetYear?.year ?? '';
    panel.dataset.ready = 'true';
  }

  // the chosen set's years only (another year is a 400), led by the server's rule: no year picked
  function fillYears() {
    const set = state.targetSets.find((s) => s.id === targetPicker.value);
    const years = [...new Set((set?.targets ?? []).map((x) => x.year))].sort();
    const kept = yearPicker.value;
    yearPicker.replaceChildren(Object.assign(el('option', null, t('dashboard.year.auto')), { value: '' }));
    for (const y of years) yearPicker.append(Object.assign(el('option', null, String(y)), { value: String(y) }));
    yearPicker.value = years.map(String).includes(kept) ? kept : '';
  }

  async function load() {
    try {
      const [{ indicators }, { targetSets }] = await Promise.all([getJson(wsApi('/indicators')), getJson(wsApi('/targets'))]);
      state.defs = indicators;
      state.targetSets = targetSets;
      for (const s of targetSets) {
        const o = el('option', null, pick(s.name));
        o.value = s.id;
        o.title = s.document ?? '';
        targetPicker.append(o);
      }
      targetPicker.value = targetSets.some((s) => s.id === DEFAULT_TARGETS) ? DEFAULT_TARGETS : targetSets[0]?.id;
      fillYears();
      // ?area=<admin area id, code or name>: the dashboard opens on that area (the province view's click-through)
      const asked = new URLSearchParams(location.search).get('area');
      if (asked && asked !== 'all') {
        areaPicker.append(Object.assign(el('option', null, asked), { value: asked }));
        areaPicker.value = asked;
      }
      for (const d of indicators) cards.append(card(d));
      targetPicker.addEventListener('change', () => { fillYears(); refresh(); });
      for (const p of [yearPicker, areaPicker]) p.addEventListener('change', () => refresh());
      compare.refreshLayers();
      await refresh();
    } catch (e) {
      status.textContent = t('dashboard.failed', { message: e.message });
      panel.dataset.ready = 'error';
    }
  }

  document.addEventListener('greenplan:scenario', () => {
    if (state.loaded && state.defs.length) refresh();
  });
  if (new URLSearchParams(location.search).get('dashboard') === 'open') setOpen(true);
  return api;
}
