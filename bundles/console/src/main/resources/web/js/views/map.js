// The devices on a map: canvas circle markers coloured by health, no tiles unless configured.
import { h } from '../dom.js';
import { t, term } from '../i18n.js';
import { listen } from '../live.js';
import { site } from '../site.js';
import { HEALTH_COLOURS, colourOf, distinct, filterSelect, loadDevices, why, zoneOf } from '../devices.js';

// Where the map last looked: the crew view measures from here when geolocation is refused.
export const lastCentre = { lat: null, lon: null };

// The tile server of etc/org.urbis.console.cfg, if any (the console serves it as config.json).
const tileSettings = () => fetch('config.json').then(r => r.json()).catch(() => ({}));

function legend() {
  const control = L.control({ position: 'bottomright' });
  control.onAdd = () => h('div', { class: 'legend' }, Object.entries(HEALTH_COLOURS).map(([status, colour]) =>
    h('div', {}, h('span', { class: 'dot', style: `background:${colour}` }), term('health', status))));
  return control;
}

export async function mapView(view) {
  const devices = (await loadDevices()).filter(d => d.location);
  const filter = { class: '', zone: '' };
  const box = h('div', { id: 'map', 'data-markers': '0' });
  view.append(
    h('div', { class: 'filters' },
      filterSelect('class', t('device.class'), distinct(devices, d => d.class), v => term('class', v), v => { filter.class = v; draw(); }),
      filterSelect('zone', t('device.zone'), distinct(devices, zoneOf), v => v, v => { filter.zone = v; draw(); })),
    box);

  const map = L.map(box, { preferCanvas: true, zoomControl: true });
  const tiles = await tileSettings();
  if (tiles.tileUrl) {
    L.tileLayer(tiles.tileUrl, { attribution: tiles.tileAttribution }).addTo(map);
    map.attributionControl.setPrefix(false);
  }
  const renderer = L.canvas({ padding: 0.2 });
  let layer = null;
  const markers = new Map();

  function draw() {
    layer?.remove();
    markers.clear();
    const shown = devices.filter(d => (!filter.class || d.class === filter.class) && (!filter.zone || zoneOf(d) === filter.zone));
    // Healthy devices first, so a failing one is drawn on top where markers crowd.
    shown.sort((a, b) => (a.health === 'ONLINE' ? 0 : 1) - (b.health === 'ONLINE' ? 0 : 1));
    for (const device of shown) {
      markers.set(device.id, L.circleMarker([device.location.lat, device.location.lon], {
        renderer, radius: 6, weight: 1, color: '#222', fillOpacity: 0.9, fillColor: colourOf(device.health),
      }).bindPopup(() => popup(device)));
    }
    // One layer added at once: the canvas renderer draws all markers in a single frame.
    layer = L.layerGroup([...markers.values()]).addTo(map);
    box.dataset.markers = String(markers.size);
    // The renderer paints on the next frame; the mark tells a benchmark when the markers are on screen.
    requestAnimationFrame(() => performance.mark('urbis:map-drawn'));
  }

  function popup(device) {
    return h('div', { class: 'popup' },
      h('a', { href: `#/device/${encodeURIComponent(device.id)}` }, device.id), ' ',
      h('span', {}, term('class', device.class)), h('br'),
      [term('health', device.health), why(device)].filter(Boolean).join(' — '));
  }

  legend().addTo(map);
  draw();
  const stopParking = parkingSites(map, box);
  if (devices.length) map.fitBounds(devices.map(d => [d.location.lat, d.location.lon]), { padding: [20, 20], maxZoom: 17 });
  else map.setView([site.latitude ?? 0, site.longitude ?? 0], site.latitude ? 14 : 2);
  const remember = () => Object.assign(lastCentre, { lat: map.getCenter().lat, lon: map.getCenter().lng });
  map.on('moveend', remember);
  remember();

  const stop = listen('health', event => {
    const device = devices.find(d => d.id === event.device);
    if (!device) return;
    Object.assign(device, { health: event.status, detail: event.detail, message: event.message, since: event.time });
    markers.get(device.id)?.setStyle({ fillColor: colourOf(event.status) });
  });
  return () => { stop(); stopParking(); map.remove(); };
}

// The parking sites as citizens' apps see them: the public ParkAPI feed's free capacity, refreshed
// while the map is open. Nothing is drawn when the platform has no parking.
const PARKING_FEED = '/public/parking/v3/sites';
const PARKING_REFRESH_MS = 15000;

function parkingSites(map, box) {
  const layer = L.layerGroup().addTo(map);
  async function refresh() {
    const response = await fetch(PARKING_FEED).catch(() => null);
    if (!response?.ok) return;
    const sites = (await response.json()).items ?? [];
    layer.clearLayers();
    for (const site of sites.filter(s => s.lat != null && s.lon != null)) {
      const label = `P ${site.realtime_free_capacity ?? '?'}/${site.capacity}`;
      L.marker([site.lat, site.lon], {
        icon: L.divIcon({ className: 'parking-site', html: label, iconSize: null }),
        title: site.name,
      }).bindPopup(h('div', { class: 'popup' }, h('strong', {}, site.name), h('br'),
        t('parking.free', { free: site.realtime_free_capacity ?? '?', capacity: site.capacity }))).addTo(layer);
    }
    box.dataset.parkingSites = String(sites.length);
  }
  refresh();
  const timer = setInterval(refresh, PARKING_REFRESH_MS);
  return () => clearInterval(timer);
}
