// The workspace (工作空间) the page works in, and the URLs of its APIs. Chosen by the address (/w/{ws}/ or
// ?ws=), else the one this browser used last (localStorage), else the default 'demo'. Every module builds its
// requests with api() and ogc(), so switching workspaces is a reload with another choice.
const KEY = 'greenplan.workspace';
const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

function chosen() {
  const fromPath = location.pathname.match(/^\/w\/([a-z0-9][a-z0-9-]{0,62})\/?$/)?.[1];
  const fromQuery = new URLSearchParams(location.search).get('ws');
  const stored = localStorage.getItem(KEY);
  return [fromPath, fromQuery, stored].find((w) => w && ID.test(w)) ?? 'demo';
}

export const ws = chosen();

/** The workspace's JSON API: api('/layers') → /api/v1/workspaces/{ws}/layers. */
export const api = (path) => `/api/v1/workspaces/${encodeURIComponent(ws)}${path}`;

/** The workspace's OGC API – Features: ogc('/collections') → /w/{ws}/collections. */
export const ogc = (path) => `/w/${encodeURIComponent(ws)}${path}`;

/** Remembers the choice for this browser and opens the page on it. */
export function switchTo(id) {
  localStorage.setItem(KEY, id);
  const url = new URL(location.href);
  url.searchParams.delete('ws');
  url.pathname = location.pathname.startsWith('/w/') ? '/' : location.pathname;
  location.assign(url);
}

/** The workspace id is remembered only once it proved to exist (an unknown one falls back to demo). */
export function remember() {
  localStorage.setItem(KEY, ws);
}

export const WORKSPACE_ID = ID;
