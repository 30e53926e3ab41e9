// The upload wizard (analyst): token → file and target layer → preview (CRS and encoding with how they were
// decided, fields with samples, a small map of the first 20 features) → field mapping → import job with a
// progress bar → report; the new layer is loaded into the layer list without a page reload.
// Talks to POST /api/v1/imports/preview, POST /api/v1/imports and GET /api/v1/imports/{id}.
import { t, pick, hasMessage } from './i18n.js';
import { analystToken, fetchWithToken } from './toolsupport.js';
import { el, escapeHtml } from './dom.js';
import { api } from './workspace.js';

const POLL_MS = 400;

// The server names its warnings, stages, CRS/encoding decisions and attribute roles by stable codes (with
// English words beside them); the page shows its own words for each code, and the server's English only for
// a code this page does not know yet (a newer server).
function coded(prefix, code, vars, english) {
  return hasMessage(`${prefix}.${code}`) ? t(`${prefix}.${code}`, vars ?? {}) : (english ?? code);
}
const warningText = (w) => (typeof w === 'string' ? w : coded('wizard.warning', w.code, w.params, w.text));
const decision = (d) => ({ ...d, decidedBy: coded('wizard.decidedBy', d.decidedBy) });
const roleLabel = (attribute) => coded('wizard.role', attribute);

export function initWizard(map, config, hooks) {
  const kinds = config.kinds ?? [];
  const open = document.createElement('button');
  open.type = 'button';
  open.id = 'wizard-open';
  open.textContent = t('wizard.open');
  open.setAttribute('aria-haspopup', 'dialog');
  document.getElementById('tools').append(open);

  const dialog = document.createElement('dialog');
  dialog.id = 'wizard';
  dialog.className = 'wizard';
  dialog.setAttribute('aria-labelledby', 'wizard-title');
  const kindOptions = kinds.map((k) => `<option value="${escapeHtml(k.id)}">${escapeHtml(pick(k.name))}</option>`).join('');
  dialog.innerHTML = `
    <form method="dialog" class="wizard-head">
      <h2 id="wizard-title">${escapeHtml(t('wizard.title'))}</h2>
      <button type="submit" id="wizard-close">${escapeHtml(t('wizard.close'))}</button>
    </form>
    <form id="wizard-form" novalidate>
      <div class="row"><label for="wizard-token">${escapeHtml(t('wizard.token'))}</label>
        <input id="wizard-token" type="password" autocomplete="off" aria-describedby="wizard-token-hint">
        <small id="wizard-token-hint">${escapeHtml(t('wizard.tokenHint'))}</small></div>
      <div class="row"><label for="wizard-file">${escapeHtml(t('wizard.file'))}</label>
        <input id="wizard-file" type="file" accept=".zip,.shp,.gpkg,.geojson,.json,.kml,.kmz,.csv,.xlsx,.dxf"></div>
      <fieldset class="row"><legend>${escapeHtml(t('wizard.target'))}</legend>
        <label><input type="radio" name="wizard-target" value="new" checked> ${escapeHtml(t('wizard.target.new'))}</label>
        <label><input type="radio" name="wizard-target" value="existing"> ${escapeHtml(t('wizard.target.existing'))}</label>
      </fieldset>
      <div class="row target-new"><label for="wizard-kind">${escapeHtml(t('wizard.kind'))}</label>
        <select id="wizard-kind">${kindOptions}</select></div>
      <div class="row target-new"><label for="wizard-name">${escapeHtml(t('wizard.name'))}</label>
        <input id="wizard-name" type="text" maxlength="200"></div>
      <div class="row target-existing" hidden><label for="wizard-layer">${escapeHtml(t('wizard.layer'))}</label>
        <select id="wizard-layer"></select></div>
      <button type="submit" id="wizard-preview">${escapeHtml(t('wizard.preview'))}</button>
    </form>
    <p id="wizard-message" role="alert" class="message"></p>
    <section id="wizard-preview-panel" hidden aria-labelledby="wizard-preview-title">
      <h3 id="wizard-preview-title">${escapeHtml(t('wizard.previewTitle'))}</h3>
      <p id="wizard-source"></p><p id="wizard-crs"></p><p id="wizard-encoding"></p>
      <ul id="wizard-warnings" class="warnings" aria-label="${escapeHtml(t('wizard.warnings'))}"></ul>
      <div class="preview-columns">
        <table id="wizard-fields"><caption>${escapeHtml(t('wizard.fields'))}</caption>
          <thead><tr><th scope="col">${escapeHtml(t('wizard.fieldName'))}</th><th scope="col">${escapeHtml(t('wizard.samples'))}</th></tr></thead>
          <tbody></tbody></table>
        <div id="wizard-map" role="img" aria-label="${escapeHtml(t('wizard.previewMap'))}"></div>
      </div>
      <fieldset id="wizard-fieldmap"><legend>${escapeHtml(t('wizard.fieldMap'))}</legend>
        <p class="hint">${escapeHtml(t('wizard.fieldMapHint'))}</p><div class="mappings"></div></fieldset>
      <fieldset id="wizard-values" hidden><legend>${escapeHtml(t('wizard.values'))}</legend>
        <p class="hint">${escapeHtml(t('wizard.valuesHint'))}</p>
        <table><thead><tr><th scope="col">${escapeHtml(t('wizard.valueSource'))}</th><th scope="col">${escapeHtml(t('wizard.valueCount'))}</th>
          <th scope="col">${escapeHtml(t('wizard.valueCategory'))}</th></tr></thead><tbody></tbody></table></fieldset>
      <button type="button" id="wizard-start">${escapeHtml(t('wizard.start'))}</button>
    </section>
    <section id="wizard-job" hidden>
      <label for="wizard-progress">${escapeHtml(t('wizard.progress'))}</label>
      <progress id="wizard-progress" max="100" value="0"></progress>
      <p id="wizard-state" role="status"></p>
    </section>
    <section id="wizard-report" hidden aria-labelledby="wizard-report-title">
      <h3 id="wizard-report-title">${escapeHtml(t('wizard.report'))}</h3><div class="body"></div>
    </section>`;
  document.body.append(dialog);

  const $ = (sel) => dialog.querySelector(sel);
  const state = { preview: null, job: null, report: null, previewMap: null, previewLayer: null, request: null };
  const message = $('#wizard-message');
  const tokenInput = $('#wizard-token');

  function say(text) {
    message.textContent = text ?? '';
  }

  function problemText(r) {
    if (r.status === 401 || r.status === 403) return t(`wizard.error.${r.status}`);
    const b = r.body ?? {};
    return t('wizard.error.problem', { field: b.field ?? '—', reason: b.reason ?? b.detail ?? `HTTP ${r.status}` });
  }

  function fillLayers() {
    const select = $('#wizard-layer');
    select.replaceChildren();
    for (const { collection: c } of window.greenplan.layers.values()) {
      const o = document.createElement('option');
      o.value = c.id;
      o.textContent = `${c.title} (${pick(c.kindName)})`;
      select.append(o);
    }
  }

  function targetIsNew() {
    return dialog.querySelector('input[name="wizard-target"]:checked').value === 'new';
  }
  for (const radio of dialog.querySelectorAll('input[name="wizard-target"]')) {
    radio.addEventListener('change', () => {
      for (const el of dialog.querySelectorAll('.target-new')) el.hidden = !targetIsNew();
      for (const el of dialog.querySelectorAll('.target-existing')) el.hidden = targetIsNew();
    });
  }

  open.addEventListener('click', () => {
    tokenInput.value = analystToken.get();
    fillLayers();
    dialog.showModal();
    (tokenInput.value ? $('#wizard-file') : tokenInput).focus();
  });
  tokenInput.addEventListener('change', () => analystToken.set(tokenInput.value.trim()));

  /** The multipart form of the current choices; the field map only when the analyst has edited one. */
  function requestForm(withFieldMap) {
    const form = new FormData();
    form.append('file', $('#wizard-file').files[0]);
    if (targetIsNew()) {
      form.append('layer', $('#wizard-name').value.trim());
      form.append('kind', $('#wizard-kind').value);
    } else {
      form.append('layer', $('#wizard-layer').value);
    }
    if (withFieldMap) {
      form.append('fieldMap', JSON.stringify(fieldMap()));
      const values = valueMap();
      if (Object.keys(values).length) form.append('valueMap', JSON.stringify(values));
    }
    return form;
  }

  /** Source value → category as the analyst left the value mapping; unmatched values left empty are kept as given. */
  function valueMap() {
    const map = {};
    for (const select of dialog.querySelectorAll('#wizard-values select')) {
      if (select.value) map[select.dataset.value] = select.value;
    }
    return map;
  }

  /** The value mapping of a facility file (category) or a construction-land file (land_use, e.g. 三调 DLBM codes): every distinct source value with its proposed category, editable. */
  function showValues(p) {
    const values = p.categoryValues ?? [];
    $('#wizard-values').hidden = values.length === 0;
    $('#wizard-values tbody').replaceChildren(...values.map((v, i) => {
      const select = el('select');
      select.id = `wizard-value-${i}`;
      select.dataset.value = v.value;
      select.append(Object.assign(el('option', null, t('wizard.valueUnmatched')), { value: '' }));
      for (const c of p.categories ?? []) {
        select.append(Object.assign(el('option', null, c), { value: c, selected: v.proposed === c }));
      }
      const row = el('tr');
      const head = el('th', null, v.value);
      head.scope = 'row';
      const label = el('label', 'visually-hidden', v.value);
      label.htmlFor = select.id;
      const cell = el('td');
      cell.append(label, select);
      row.append(head, el('td', null, String(v.count)), cell);
      return row;
    }));
    // in the page's language, one warning per value no category was found for
    $('#wizard-warnings').append(...values.filter((v) => !v.proposed)
      .map((v) => el('li', 'unmatched', t('wizard.valueWarning', { value: v.value, count: v.count }))));
  }

  function fieldMap() {
    const map = {};
    for (const select of dialog.querySelectorAll('#wizard-fieldmap select')) {
      if (select.value) map[select.dataset.attribute] = select.value;
    }
    return map;
  }

  function showPreview(p) {
    const s = p.source;
    $('#wizard-source').textContent = t('wizard.source', { file: s.file, format: s.format, layer: s.layer,
      count: s.featureCount, geometry: s.geometryType });
    $('#wizard-crs').textContent = t('wizard.crs', decision(p.crs));
    $('#wizard-encoding').textContent = t('wizard.encoding', decision(p.encoding));
    // the file's field names, values and the server's warnings about them are the uploader's: text only
    $('#wizard-warnings').replaceChildren(...p.warnings.map((w) => el('li', null, warningText(w))));
    $('#wizard-fields tbody').replaceChildren(...p.fields.map((f) => {
      const row = el('tr');
      const name = el('th', null, f.name);
      name.scope = 'row';
      row.append(name, el('td', null, f.samples.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(' · ')));
      return row;
    }));

    const kind = kinds.find((k) => k.id === p.kind);
    const attributes = [...new Set([...p.required, ...(kind?.attributes ?? []), ...Object.keys(p.suggestedFieldMap)])];
    const fieldNames = p.fields.map((f) => f.name);
    $('#wizard-fieldmap .mappings').replaceChildren(...attributes.map((a, i) => {
      const select = el('select');
      select.id = `wizard-map-${i}`;
      select.dataset.attribute = a;
      select.append(Object.assign(el('option', null, t('wizard.unmapped')), { value: '' }));
      for (const n of fieldNames) {
        select.append(Object.assign(el('option', null, n), { value: n, selected: p.suggestedFieldMap[a] === n }));
      }
      const label = el('label', null, `${roleLabel(a)}${p.required.includes(a) ? ' *' : ''}`);
      label.title = a;
      label.htmlFor = select.id;
      const row = el('div', 'row');
      row.append(label, select);
      return row;
    }));
    $('#wizard-fieldmap').hidden = attributes.length === 0;
    showValues(p);
    $('#wizard-preview-panel').hidden = false;

    if (!state.previewMap) {
      state.previewMap = L.map($('#wizard-map'), { attributionControl: false, keyboard: false });
    }
    state.previewMap.invalidateSize();
    state.previewLayer?.remove();
    state.previewLayer = L.geoJSON(p.features, {
      style: () => ({ color: '#1b5e20', weight: 2, fillOpacity: 0.3 }),
      pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 4 }),
    }).addTo(state.previewMap);
    const bounds = state.previewLayer.getBounds();
    if (bounds.isValid()) state.previewMap.fitBounds(bounds, { padding: [8, 8] });
    else state.previewMap.setView(map.getCenter(), 10);
  }

  $('#wizard-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    say('');
    analystToken.set(tokenInput.value.trim());
    if (!analystToken.get()) return say(t('wizard.error.noToken'));
    if (!$('#wizard-file').files.length) return say(t('wizard.error.noFile'));
    if (targetIsNew() ? !$('#wizard-name').value.trim() : !$('#wizard-layer').value) return say(t('wizard.error.noName'));
    $('#wizard-preview-panel').hidden = true;
    $('#wizard-job').hidden = true;
    $('#wizard-report').hidden = true;
    document.body.dataset.wizard = 'previewing';
    say(t('wizard.previewing'));
    const r = await fetchWithToken(api('/imports/preview'), { method: 'POST', body: requestForm(false) });
    if (!r.ok) {
      document.body.dataset.wizard = 'error';
      return say(problemText(r));
    }
    say('');
    state.preview = r.body;
    showPreview(r.body);
    document.body.dataset.wizard = 'previewed';
    $('#wizard-start').focus();
  });

  async function poll(id) {
    for (;;) {
      const r = await fetchWithToken(api(`/imports/${encodeURIComponent(id)}`));
      if (!r.ok) throw new Error(problemText(r));
      const job = r.body;
      $('#wizard-progress').value = job.percent ?? 0;
      $('#wizard-state').textContent = t('wizard.state', { state: t(`wizard.state.${job.state}`),
        percent: job.percent ?? 0, stage: job.stage ? coded('wizard.stage', job.stage, {}, job.stageText) : '' }).trim();
      if (job.state === 'succeeded' || job.state === 'failed') return job;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  function showReport(job) {
    const body = $('#wizard-report .body');
    const r = job.report;
    if (job.state !== 'succeeded') {
      const reason = job.error?.reason ?? '';
      const errors = el('ul');
      errors.append(...(job.error?.errors ?? []).map((x) => el('li', null, `#${x.feature}: ${x.reason}`)));
      body.replaceChildren(el('p', 'error', t('wizard.error.failed', { reason })), errors);
    } else {
      const table = el('table');
      table.id = 'wizard-report-table';
      const cell = (key, value, cls) => {
        const row = el('tr');
        const head = el('th', null, t(key));
        head.scope = 'row';
        row.append(head, el('td', cls, String(value)));
        table.append(row);
      };
      cell('wizard.report.read', r.featuresRead, 'read');
      cell('wizard.report.loaded', r.featuresLoaded, 'loaded');
      cell('wizard.report.repaired', r.featuresRepaired, 'repaired');
      cell('wizard.report.rejected', r.featuresRejected, 'rejected');
      const layer = el('p', null, t('wizard.report.layer', { name: r.layer.name, id: r.layer.id, version: r.version }));
      layer.id = 'wizard-report-layer';
      const warnings = el('ul', 'warnings');
      warnings.append(...(r.warnings ?? []).map((w) => el('li', null, warningText(w))));
      body.replaceChildren(layer, table, el('p', null, t('wizard.crs', decision(r.crs))),
        el('p', null, t('wizard.encoding', decision(r.encoding))),
        warnings, el('p', null, t('wizard.report.added')));
    }
    $('#wizard-report').hidden = false;
    $('#wizard-report').scrollIntoView({ block: 'nearest' });
  }

  $('#wizard-start').addEventListener('click', async () => {
    say('');
    const start = $('#wizard-start');
    start.disabled = true;
    try {
      const r = await fetchWithToken(api('/imports'), { method: 'POST', body: requestForm(true) });
      if (r.status !== 202) {
        document.body.dataset.wizard = 'error';
        return say(problemText(r));
      }
      state.job = r.body.id;
      $('#wizard-job').hidden = false;
      $('#wizard-job').scrollIntoView({ block: 'nearest' });
      document.body.dataset.wizard = 'running';
      const job = await poll(r.body.id);
      state.report = job;
      if (job.state === 'succeeded') await hooks.reloadLayers();
      showReport(job);
      document.body.dataset.wizard = job.state;
    } catch (e) {
      document.body.dataset.wizard = 'error';
      say(e.message);
    } finally {
      start.disabled = false;
    }
  });

  return { open: () => open.click(), job: () => state.job, report: () => state.report, preview: () => state.preview };
}
