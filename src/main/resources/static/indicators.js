// greenplan indicator panel: value vs target for every indicator, and a "show gaps" toggle that draws
// what is not covered (GET /api/v1/indicators/{id}/gaps). Imported by app.js; owns its own DOM and layers.

const DEFAULT_TARGETS = 'zhejiang-beautiful-towns';
const GAP_STYLE = { color: '#b71c1c', weight: 1, fillColor: '#e53935', fillOpacity: 0.45 };
// indicators whose gap geometry means something on the map
const WITH_GAPS = new Set(['park_service_coverage', 'sponge_city_share', 'control_line_conflicts', 'life_circle_coverage']);

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function format(value, unit) {
  const digits = Math.abs(value) >= 100 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit === 'm2/person' ? 'm²/人' : unit}`;
}

async function getJson(url) {
  const r = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) {
    const e = new Error(body.reason ?? `HTTP ${r.status}`);
    e.status = r.status;
    throw e;
  }
  return body;
}

/** Builds the panel in `container` (the sidebar) and wires gap layers onto `map`. */
export function initIndicators(map, container) {
  const gaps = new Map(); // indicator id -> Leaflet layer
  const section = el('section', 'indicator-panel');
  section.id = 'indicator-panel';
  section.setAttribute('aria-label', '指标 (Indicators)');
  const title = el('h2');
  title.innerHTML = '指标 <span>(Indicators)</span>';
  const picker = el('select');
  picker.id = 'indicator-targets';
  picker.setAttribute('aria-label', '目标 (Target set)');
  const rows = el('div', 'indicator-rows');
  section.append(title, picker, rows);
  container.prepend(section);

  window.greenplan = Object.assign(window.greenplan ?? {}, {
    indicatorGaps: gaps,
    gapFeatureCount: (id) => {
      const layer = gaps.get(id);
      return layer && map.hasLayer(layer) ? layer.getLayers().length : 0;
    },
  });

  async function toggleGaps(id, on, box) {
    if (!on) {
      if (gaps.has(id)) map.removeLayer(gaps.get(id));
      section.dataset.gapsShown = [...gaps.keys()].filter((k) => map.hasLayer(gaps.get(k))).join(',');
      return;
    }
    box.disabled = true;
    try {
      const fc = await getJson(`/api/v1/indicators/${encodeURIComponent(id)}/gaps`);
      if (gaps.has(id)) map.removeLayer(gaps.get(id));
      const layer = L.geoJSON(fc, { style: () => GAP_STYLE, interactive: false });
      gaps.set(id, layer.addTo(map));
    } catch (e) {
      box.checked = false;
      box.title = e.message;
    } finally {
      box.disabled = false;
      section.dataset.gapsShown = [...gaps.keys()].filter((k) => map.hasLayer(gaps.get(k))).join(',');
    }
  }

  function row(def) {
    const r = el('div', 'indicator-row');
    r.dataset.indicatorId = def.id;
    const name = el('div', 'indicator-name', def.name.zh);
    name.append(el('small', null, def.name.en));
    const value = el('div', 'indicator-value', '…');
    const target = el('div', 'indicator-target');
    const status = el('span', 'indicator-status');
    r.append(name, value, target, status);
    if (WITH_GAPS.has(def.id)) {
      const label = el('label', 'indicator-gaps');
      const box = el('input');
      box.type = 'checkbox';
      box.setAttribute('aria-label', `显示缺口 (show gaps): ${def.name.zh}`);
      box.addEventListener('change', () => toggleGaps(def.id, box.checked, box));
      label.append(box, document.createTextNode(' 显示缺口 (show gaps)'));
      r.append(label);
    }
    return r;
  }

  async function fill(r, id) {
    const [value, target, status] = ['.indicator-value', '.indicator-target', '.indicator-status']
      .map((s) => r.querySelector(s));
    try {
      const res = await getJson(`/api/v1/indicators/${encodeURIComponent(id)}?targets=${encodeURIComponent(picker.value)}`);
      value.textContent = format(res.value, res.unit);
      value.dataset.value = res.value;
      if (res.target) {
        target.textContent = `目标 (target) ${res.target.comparator} ${res.target.value} (${res.target.year})`;
        status.textContent = res.status === 'met' ? '达标 (met)'
          : `差距 (gap) ${res.distanceToTarget > 0 ? '+' : ''}${res.distanceToTarget.toFixed(2)}`;
        status.className = `indicator-status ${res.status}`;
      } else {
        target.textContent = '无目标 (no target in this set)';
        status.textContent = '';
        status.className = 'indicator-status';
      }
      r.dataset.status = res.status ?? 'none';
    } catch (e) {
      value.textContent = e.status === 422 ? '缺少图层 (missing layer)' : '—';
      value.title = e.message;
      r.dataset.status = 'unavailable';
    }
  }

  async function refresh(defs) {
    section.dataset.ready = 'false';
    const list = defs.map((d) => [d.id, rows.querySelector(`[data-indicator-id="${d.id}"]`)]);
    // one at a time: the server has few cores, and the first run of each indicator computes it
    for (const [id, r] of list) await fill(r, id);
    section.dataset.ready = 'true';
  }

  return (async () => {
    try {
      const [{ indicators }, { targetSets }] = await Promise.all([getJson('/api/v1/indicators'), getJson('/api/v1/targets')]);
      for (const s of targetSets) {
        const o = el('option', null, `${s.name.zh}`);
        o.value = s.id;
        o.title = s.document;
        picker.append(o);
      }
      picker.value = targetSets.some((s) => s.id === DEFAULT_TARGETS) ? DEFAULT_TARGETS : targetSets[0]?.id;
      for (const d of indicators) rows.append(row(d));
      picker.addEventListener('change', () => refresh(indicators));
      await refresh(indicators);
    } catch (e) {
      rows.textContent = `指标加载失败 (indicators failed to load): ${e.message}`;
      section.dataset.ready = 'error';
    }
  })();
}
