// The devices on a map: dots on one canvas coloured by health, no tiles unless configured.
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

// Every device as a dot on one canvas, drawn in one pass with one path per health colour: ten thousand
// Leaflet markers would cost ten thousand layers to build and twenty thousand fills and strokes to paint.
// A click opens the popup of the dot under it. Redrawn after each move or zoom and on health changes.
const RADIUS = 6;
const DeviceDots = L.Layer.extend({
  initialize(onClick) {
    this.devices = [];
    this.onClick = onClick;
    this.drawn = { xs: new Float64Array(0), ys: new Float64Array(0), devices: [] };
  },

  onAdd(map) {
    this.canvas = L.DomUtil.create('canvas', 'device-dots leaflet-zoom-hide', map.getPane('overlayPane'));
    map.on('moveend zoomend resize', this.redraw, this);
    map.on('click', this.clicked, this);
    this.redraw();
  },

  onRemove(map) {
    map.off('moveend zoomend resize', this.redraw, this);
    map.off('click', this.clicked, this);
    this.canvas.remove();
  },

  show(devices) {
    this.devices = devices;
    if (this._map) this.redraw();
  },

  redraw() {
    const map = this._map;
    if (!map) return;
    const size = map.getSize();
    const ratio = window.devicePixelRatio || 1;
    const canvas = this.canvas;
    canvas.width = size.x * ratio;
    canvas.height = size.y * ratio;
    canvas.style.width = `${size.x}px`;
    canvas.style.height = `${size.y}px`;
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    const ctx = canvas.getContext('2d');
    ctx.scale(ratio, ratio);
    ctx.lineWidth = 1;
    ctx.strokeStyle = '#222';
    // Healthy devices first, so a failing one is drawn on top where dots crowd.
    const byColour = new Map([[colourOf('ONLINE'), []]]);
    const xs = new Float64Array(this.devices.length);
    const ys = new Float64Array(this.devices.length);
    const drawn = [];
    for (const device of this.devices) {
      const p = map.latLngToContainerPoint([device.location.lat, device.location.lon]);
      if (p.x < -RADIUS || p.y < -RADIUS || p.x > size.x + RADIUS || p.y > size.y + RADIUS) continue;
      xs[drawn.length] = p.x;
      ys[drawn.length] = p.y;
      drawn.push(device);
      const colour = colourOf(device.health);
      if (!byColour.has(colour)) byColour.set(colour, []);
      byColour.get(colour).push(drawn.length - 1);
    }
    for (const [colour, dots] of byColour) {
      ctx.beginPath();
      for (const i of dots) {
        ctx.moveTo(xs[i] + RADIUS, ys[i]);
        ctx.arc(xs[i], ys[i], RADIUS, 0, 2 * Math.PI);
      }
      ctx.globalAlpha = 0.9;
      ctx.fillStyle = colour;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.stroke();
    }
    this.drawn = { xs, ys, devices: drawn };
  },

  // The topmost dot under the click: the last one drawn there.
  clicked(e) {
    const { xs, ys, devices } = this.drawn;
    let hit = -1;
    for (let i = 0; i < devices.length; i++) {
      if ((xs[i] - e.containerPoint.x) ** 2 + (ys[i] - e.containerPoint.y) ** 2 <= (RADIUS + 1) ** 2
          && (hit < 0 || devices[i].health !== 'ONLINE' || devices[hit].health === 'ONLINE')) hit = i;
    }
    if (hit >= 0) this.onClick(devices[hit]);
  },
});

export async function mapView(view) {
  const [all, tiles] = await Promise.all([loadDevices(), tileSettings()]);
  const devices = all.filter(d => d.location);
  const filter = { class: '', zone: '' };
  const box = h('div', { id: 'map', 'data-markers': '0' });
  view.append(
    h('div', { class: 'filters' },
      filterSelect('class', t('device.class'), distinct(devices, d => d.class), v => term('class', v), v => { filter.class = v; draw(); }),
      filterSelect('zone', t('device.zone'), distinct(devices, zoneOf), v => v, v => { filter.zone = v; draw(); })),
    box);

  const map = L.map(box, { zoomControl: true });
  if (tiles.tileUrl) {
    L.tileLayer(tiles.tileUrl, { attribution: tiles.tileAttribution }).addTo(map);
    map.attributionControl.setPrefix(false);
  }
  const dots = new DeviceDots(device => L.popup().setLatLng([device.location.lat, device.location.lon])
    .setContent(popup(device)).openOn(map));

  function draw() {
    const shown = devices.filter(d => (!filter.class || d.class === filter.class) && (!filter.zone || zoneOf(d) === filter.zone));
    dots.show(shown);
    box.dataset.markers = String(shown.length);
    // The mark tells a benchmark when the markers are on screen: after the frame that paints them.
    requestAnimationFrame(() => setTimeout(() => performance.mark('urbis:map-drawn')));
  }

  function popup(device) {
    return h('div', { class: 'popup' },
      h('a', { href: `#/device/${encodeURIComponent(device.id)}` }, device.id), ' ',
      h('span', {}, term('class', device.class)), h('br'),
      [term('health', device.health), why(device)].filter(Boolean).join(' — '));
  }

  legend().addTo(map);
  const stopParking = parkingSites(map, box);
  if (devices.length) map.fitBounds(devices.map(d => [d.location.lat, d.location.lon]), { padding: [20, 20], maxZoom: 17 });
  else map.setView([site.latitude ?? 0, site.longitude ?? 0], site.latitude ? 14 : 2);
  dots.addTo(map);
  draw();
  const remember = () => Object.assign(lastCentre, { lat: map.getCenter().lat, lon: map.getCenter().lng });
  map.on('moveend', remember);
  remember();

  // Health changes come in bursts: the dots are drawn again once per frame at most.
  let pending = false;
  const byId = new Map(devices.map(d => [d.id, d]));
  const stop = listen('health', event => {
    const device = byId.get(event.device);
    if (!device) return;
    Object.assign(device, { health: event.status, detail: event.detail, message: event.message, since: event.time });
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => { pending = false; dots.redraw(); });
    }
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
