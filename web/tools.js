// The analyst's and planner's tools on the map page: search by name, the project-site check and the upload
// wizard. app.js calls initTools once the layers are loaded; each tool is its own module.
import { initSearch } from './search.js';
import { initSiteCheck } from './sitecheck.js';
import { initWizard } from './wizard.js';

export function initTools(map, config, hooks) {
  const tools = {};
  tools.search = initSearch(map, hooks);
  tools.check = initSiteCheck(map);
  tools.wizard = initWizard(map, config, hooks);
  return tools;
}
