// Building the page from data. Layer names, attribute names and values, file names and server messages come
// from uploads: they reach the DOM as text (el(), textContent, DOM nodes), never as markup. Leaflet's
// bindPopup/bindTooltip/setContent take an element for the same reason (a string there is HTML).
// escapeHtml is the page's only HTML escape, for the few templates built from our own i18n labels.

/** A new element with an optional class and text (set as textContent, so markup in it stays text). */
export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
