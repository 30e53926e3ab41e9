// Shared by the dashboard, the version comparison and the printable report: fetching JSON with the API's
// problem reasons, and showing an indicator value with its unit in the page's language.
import { t } from './i18n.js';

const UNIT_KEYS = { '%': 'percent', 'm2/person': 'm2PerPerson', 'km/10k persons': 'kmPer10k', km: 'km' };

/** The unit as the reader's language writes it; units the message files do not know are shown as given. */
export function unitLabel(unit) {
  return UNIT_KEYS[unit] ? t(`dashboard.unit.${UNIT_KEYS[unit]}`) : (unit ?? '');
}

/** Two decimals below 100, one above: coverage in % and km per 10,000 people read the same way. */
export function formatNumber(value) {
  if (value == null || Number.isNaN(value)) return '—';
  return value.toFixed(Math.abs(value) >= 100 ? 1 : 2);
}

export function formatValue(value, unit) {
  if (value == null) return '—'; // no value (a zero denominator): the status says no_data and why
  const u = unitLabel(unit);
  return u === '%' ? `${formatNumber(value)}%` : `${formatNumber(value)} ${u}`;
}

export function formatSigned(value) {
  return `${value > 0 ? '+' : ''}${formatNumber(value)}`;
}

/** GET as JSON; a failed request throws an Error carrying the problem's reason and the HTTP status. */
export async function getJson(url) {
  const r = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) {
    const e = new Error(body.reason ?? body.detail ?? `HTTP ${r.status}`);
    e.status = r.status;
    throw e;
  }
  return body;
}

/** The query string of an indicator request from the chosen context; empty members are left out. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '' && v !== 'all') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The kinds the workspace has published layers of (GET …/layers), or null when unknown. */
export async function publishedKinds(layersUrl) {
  return getJson(layersUrl).then((all) => new Set(all.filter((l) => l.version != null).map((l) => l.kind)))
    .catch(() => null);
}

/**
 * The required layer kinds of an indicator (catalogue entry) with no published layer: the server would answer 422
 * (no forest layer for 森林覆盖率), so the pages say so without asking. Empty when the kinds are unknown.
 */
export function missingKinds(def, kinds) {
  return kinds ? def.layers.filter((k) => k.required && !kinds.has(k.kind)) : [];
}
