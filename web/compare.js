// Before/after a plan: pick a layer with two or more versions and two of its versions; every indicator that
// reads that kind of layer is computed against each (GET /api/v1/indicators/{id}?versions=layer:version)
// and shown side by side with the change. Part of the dashboard (indicators.js).
import { t, pick } from './i18n.js';
import { el } from './dom.js';
import { formatSigned, formatValue, getJson, query } from './indicator-format.js';
import { api } from './workspace.js';

function labelled(key, select) {
  const label = el('label', 'dashboard-field');
  label.append(el('span', null, t(key)), select);
  return label;
}

/**
 * Fills `section` with the comparison form and table. `context()` gives the dashboard's targets, year and
 * area; `catalogue()` the indicator definitions (with the layer kinds each reads).
 */
export function initCompare(section, { context, catalogue }) {
  const title = el('h3', null, t('compare.title'));
  const layerPicker = el('select');
  layerPicker.id = 'compare-layer';
  const before = el('select');
  before.id = 'compare-before';
  const after = el('select');
  after.id = 'compare-after';
  const run = el('button', 'dashboard-button', t('compare.run'));
  run.type = 'button';
  run.id = 'compare-run';
  const form = el('div', 'compare-form');
  form.append(labelled('compare.layer', layerPicker), labelled('compare.before', before), labelled('compare.after', after), run);
  const message = el('p', 'compare-message');
  message.setAttribute('role', 'status');
  const table = el('table', 'compare-table');
  table.hidden = true;
  section.append(title, form, message, table);
  section.dataset.ready = 'false';
  const layers = new Map(); // id -> layer with versions

  async function refreshLayers() {
    try {
      const all = await getJson(api('/layers'));
      const versioned = all.filter((l) => (l.version ?? 0) >= 2);
      const chosen = layerPicker.value;
      layerPicker.replaceChildren();
      for (const l of versioned) {
        const o = el('option', null, `${l.name} · ${pick(l.kindName)}`);
        o.value = l.id;
        layerPicker.append(o);
      }
      const none = versioned.length === 0;
      form.hidden = none;
      message.textContent = none ? t('compare.none') : '';
      if (!none) {
        layerPicker.value = versioned.some((l) => l.id === chosen) ? chosen : versioned[0].id;
        await pickLayer();
      }
    } catch (e) {
      message.textContent = t('compare.failed', { message: e.message });
    }
  }

  async function pickLayer() {
    const layer = await getJson(api(`/layers/${encodeURIComponent(layerPicker.value)}`));
    layers.set(layer.id, layer);
    for (const select of [before, after]) {
      select.replaceChildren();
      for (const v of layer.versions) {
        const o = el('option', null, t('compare.version', { version: v.version, count: v.featureCount,
          date: v.createdAt.slice(0, 10) }));
        o.value = String(v.version);
        select.append(o);
      }
    }
    const n = layer.versions.length;
    before.value = String(layer.versions[n - 2].version);
    after.value = String(layer.versions[n - 1].version);
  }
  layerPicker.addEventListener('change', () => pickLayer().catch((e) => {
    message.textContent = t('compare.failed', { message: e.message });
  }));

  async function compare() {
    const layer = layers.get(layerPicker.value);
    if (!layer) return;
    if (before.value === after.value) {
      message.textContent = t('compare.same');
      return;
    }
    const defs = catalogue().filter((d) => d.layers.some((k) => k.kind === layer.kind));
    table.replaceChildren();
    table.hidden = true;
    if (!defs.length) {
      message.textContent = t('compare.notRead');
      return;
    }
    section.dataset.ready = 'false';
    message.textContent = t('compare.running');
    const head = el('tr');
    head.append(el('th', null, t('compare.indicator')), el('th', null, t('compare.versionHead', { version: before.value })),
      el('th', null, t('compare.versionHead', { version: after.value })), el('th', null, t('compare.change')));
    table.append(head);
    for (const d of defs) {
      const row = el('tr');
      row.dataset.indicatorId = d.id;
      row.append(el('td', null, pick(d.name)));
      const values = [];
      for (const version of [before.value, after.value]) {
        const cell = el('td', 'compare-value');
        try {
          const res = await getJson(api(`/indicators/${encodeURIComponent(d.id)}`) + `${query({ ...context(),
            versions: `${layer.id}:${version}` })}`);
          cell.textContent = formatValue(res.value, res.unit);
          cell.dataset.value = res.value;
          cell.dataset.status = res.status ?? 'none';
          values.push(res);
        } catch (e) {
          cell.textContent = e.status === 422 ? t('dashboard.missingLayers') : t('dashboard.unavailable');
          cell.title = e.message;
        }
        row.append(cell);
      }
      const change = el('td', 'compare-change');
      if (values.length === 2) {
        const delta = values[1].value - values[0].value;
        change.textContent = formatSigned(delta);
        change.dataset.value = delta;
        // better or worse by the target's direction (≤ for development intensity); no target: no judgement
        const comparator = values[1].target?.comparator ?? values[0].target?.comparator;
        const better = comparator ? (comparator.startsWith('<') ? delta < 0 : delta > 0) : null;
        change.className = `compare-change ${delta === 0 || better === null ? 'same' : better ? 'better' : 'worse'}`;
      }
      row.append(change);
      table.append(row);
    }
    table.hidden = false;
    message.textContent = '';
    section.dataset.ready = 'true';
  }
  run.addEventListener('click', () => compare());

  return { refreshLayers, compare };
}
