// For a crew in the street: what is not online, nearest first, since when and why.
import { h, replace } from '../dom.js';
import { formatNumber, formatTime, t } from '../i18n.js';
import { distance, healthBadge, loadDevices, why } from '../devices.js';
import { lastCentre } from './map.js';

// The centre of the located devices, when the map has not been opened yet.
function middle(devices) {
  const located = devices.filter(d => d.location);
  const mean = pick => located.reduce((sum, d) => sum + pick(d.location), 0) / Math.max(1, located.length);
  return { lat: mean(l => l.lat), lon: mean(l => l.lon), from: 'site' };
}

function here(devices) {
  const fallback = () => lastCentre.lat === null
    ? middle(devices)
    : { lat: lastCentre.lat, lon: lastCentre.lon, from: 'map' };
  if (!navigator.geolocation) return Promise.resolve(fallback());
  return new Promise(resolve => navigator.geolocation.getCurrentPosition(
    p => resolve({ lat: p.coords.latitude, lon: p.coords.longitude, from: 'gps' }),
    () => resolve(fallback()),
    { timeout: 5000, maximumAge: 60000 }));
}

const metres = m => (m < 1000 ? `${formatNumber(m, 0)} m` : `${formatNumber(m / 1000, 1)} km`);

export async function crewView(view) {
  const origin = h('p', { id: 'crew-origin' }, t('crew.locating'));
  const list = h('ol', { id: 'crew' });
  view.append(h('h1', {}, t('nav.crew')), origin, list);
  const devices = await loadDevices();
  const position = await here(devices);
  replace(origin, t(`crew.from.${position.from}`));
  const failing = devices.filter(d => d.health !== 'ONLINE' && d.location)
    .map(d => ({ ...d, metres: distance(position, d.location) }))
    .sort((a, b) => a.metres - b.metres);
  replace(list, failing.length ? failing.map(d => h('li', { class: 'crew-device', 'data-id': d.id },
    h('a', { href: `#/device/${encodeURIComponent(d.id)}` }, d.id), ' ', healthBadge(d.health),
    h('span', { class: 'distance' }, metres(d.metres)),
    h('div', { class: 'why' }, why(d)),
    h('div', { class: 'since' }, t('device.since'), ': ', formatTime(d.since)))) : h('li', { class: 'empty' }, t('crew.allWell')));
}
