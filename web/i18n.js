// Every label on the page comes from one message file per language (i18n/zh.json, i18n/en.json).
// Chinese is the default; the choice is kept in localStorage and in ?lang= so a link carries it.
// Each module adds its keys under its own prefix (map.*, dashboard.*, wizard.*, check.*, walk.*, ...).
const SUPPORTED = ['zh', 'en'];

function chosenLanguage() {
  const asked = new URLSearchParams(location.search).get('lang') ?? localStorage.getItem('greenplan.lang');
  return SUPPORTED.includes(asked) ? asked : 'zh';
}

export const lang = chosenLanguage();
const messages = await fetch(`/i18n/${lang}.json`).then((r) => r.json());
const fallback = lang === 'zh' ? messages : await fetch('/i18n/zh.json').then((r) => r.json());

/** The message for key, with {name} placeholders filled from vars; the key itself when missing. */
export function t(key, vars = {}) {
  const text = messages[key] ?? fallback[key];
  if (text === undefined) {
    console.warn(`i18n: no message for ${key}`);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** Picks the zh or en member of a {zh, en} pair the API returns (kind names, indicator names). */
export function pick(pair) {
  if (pair == null || typeof pair !== 'object') return pair ?? '';
  return pair[lang] ?? pair.zh ?? pair.en ?? '';
}

/** Fills data-i18n (text), data-i18n-label (aria-label), data-i18n-title and data-i18n-placeholder. */
export function applyMessages(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
}

export function setLanguage(next) {
  localStorage.setItem('greenplan.lang', next);
  const url = new URL(location.href);
  url.searchParams.set('lang', next);
  location.href = url.toString();
}

document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';

/** A kind's label: Chinese with the English in brackets (planners share screens with consultants), or English. */
export function bilingual(pair) {
  return lang === 'zh' ? `${pair.zh} (${pair.en})` : pair.en;
}

/** Whether a message exists (for labels that fall back to an id, e.g. a facility category without a name). */
export function hasMessage(key) {
  return key in messages || key in fallback;
}
