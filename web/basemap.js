// The basemap switch: OpenStreetMap, 天地图 (Tianditu: vector map + Chinese labels, with the key the server is
// configured with), or none. Tianditu tiles are in CGCS2000 web mercator, which lines up with the WGS84
// data (no GCJ-02 shift). Without a network the basemap switches itself off after a few failed tiles, so
// the data layers stay usable offline.
import { t } from './i18n.js';
import { escapeHtml } from './dom.js';

const TILE_ERRORS_BEFORE_OFFLINE = 4;

function tiandituUrl(layer, key) {
  return `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}`
    + `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`;
}

/** Wires the #basemap select; returns {set(kind), current()}. config is /api/v1/map/config. */
export function initBasemap(map, config, asked) {
  const select = document.getElementById('basemap');
  const key = config.tiandituKey ?? '';
  const state = { layer: null, kind: 'none', errors: 0 };

  const tianditu = select.querySelector('option[value="tianditu"]');
  if (tianditu) {
    tianditu.disabled = !key;
    tianditu.textContent = t(key ? 'map.basemap.tianditu' : 'map.basemap.tiandituNoKey');
    tianditu.title = key ? tianditu.textContent : t('map.basemap.tiandituHint');
    if (!key) select.title = tianditu.title; // a disabled option shows no tooltip of its own
  }

  function layersFor(kind) {
    if (kind === 'osm') {
      return [L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
        maxZoom: 19,
        attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
      })];
    }
    if (kind === 'tianditu' && key) {
      const options = { subdomains: '01234567', maxZoom: 18 };
      return [
        L.tileLayer(tiandituUrl('vec', key), { ...options, attribution: t('map.basemap.tiandituAttribution') }),
        L.tileLayer(tiandituUrl('cva', key), options),
      ];
    }
    return [];
  }

  function set(kind) {
    if (state.layer) {
      map.removeLayer(state.layer);
      state.layer = null;
    }
    const layers = layersFor(kind);
    state.kind = layers.length ? kind : 'none';
    select.value = state.kind;
    if (!layers.length) return;
    state.errors = 0;
    state.layer = L.layerGroup(layers);
    for (const l of layers) {
      l.on('tileerror', () => {
        if (++state.errors === TILE_ERRORS_BEFORE_OFFLINE) {
          set('none');
          map.attributionControl.addAttribution(`<span class="offline-note">${escapeHtml(t('map.basemap.offline'))}</span>`);
        }
      });
    }
    state.layer.addTo(map);
  }

  select.addEventListener('change', (e) => set(e.target.value));
  set(asked ?? config.basemap ?? 'osm');
  return { set, current: () => state.kind };
}
