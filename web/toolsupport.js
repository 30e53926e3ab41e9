// What the tools share: the analyst token and requests that carry it.

// The analyst token lives only as long as the tab (sessionStorage), never in localStorage or the URL.
const TOKEN_KEY = 'greenplan.analystToken';
export const analystToken = {
  get: () => sessionStorage.getItem(TOKEN_KEY) ?? '',
  set: (value) => (value ? sessionStorage.setItem(TOKEN_KEY, value) : sessionStorage.removeItem(TOKEN_KEY)),
};

/** fetch with the analyst token as Bearer; the JSON body (or null) with the status and the ETag (or null). */
export async function fetchWithToken(url, options = {}) {
  const headers = { Accept: 'application/json', ...(options.headers ?? {}) };
  const token = analystToken.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  const r = await fetch(url, { ...options, headers });
  let body = null;
  try {
    body = await r.json();
  } catch {
    body = null;
  }
  return { status: r.status, ok: r.ok, body, etag: r.headers.get('ETag') };
}
