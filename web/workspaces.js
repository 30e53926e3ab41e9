// The workspace switcher of the top bar: the workspaces this browser may read (GET /api/v1/workspaces, with the
// token of the tools when one is set, so that private ones show), the current one selected; choosing another
// reloads the page on it and remembers it (workspace.js). An admin creates a workspace here (POST, admin token).
import { t } from './i18n.js';
import { ws, switchTo, remember, WORKSPACE_ID } from './workspace.js';
import { fetchWithToken } from './toolsupport.js';
import { el } from './dom.js';

export async function initWorkspaceSwitcher(config) {
  const picker = document.getElementById('workspace');
  const { ok, body } = await fetchWithToken('/api/v1/workspaces');
  if (!ok) throw new Error(t('workspace.listFailed'));
  picker.replaceChildren(...body.map((w) => {
    const option = el('option', null, `${w.name} (${w.id})`);
    option.value = w.id;
    return option;
  }));
  picker.value = ws;
  if (config.workspace === ws) remember(); // it exists: keep it for the next visit
  picker.addEventListener('change', () => switchTo(picker.value));
  document.body.dataset.workspace = ws;

  const form = document.getElementById('workspace-form');
  document.getElementById('workspace-new').addEventListener('click', () => {
    form.hidden = !form.hidden;
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const id = form.elements.id.value.trim();
    const message = document.getElementById('workspace-message');
    if (!WORKSPACE_ID.test(id)) {
      message.textContent = t('workspace.badId');
      return;
    }
    const r = await fetchWithToken('/api/v1/workspaces', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id, name: form.elements.name.value.trim() || id }),
    });
    if (r.ok) {
      switchTo(id);
    } else {
      message.textContent = r.status === 401 || r.status === 403 ? t('workspace.needsAdmin')
        : (r.body?.detail ?? `HTTP ${r.status}`);
    }
  });
}
