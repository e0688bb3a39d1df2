// What several views need to know of devices: colours of health, filters, groups, distances.
import { get } from './api.js';
import { term } from './i18n.js';
import { h } from './dom.js';

export const HEALTH_COLOURS = {
  ONLINE: '#2e7d32', DEGRADED: '#f9a825', OFFLINE: '#c62828', UNKNOWN: '#757575', DRIVER_MISSING: '#6a1b9a',
};

export const colourOf = health => HEALTH_COLOURS[health] || HEALTH_COLOURS.UNKNOWN;

export async function loadDevices() {
  return (await get('/devices')).devices;
}

export const zoneOf = device => device.tags?.zone || '';

export const distinct = (devices, pick) => [...new Set(devices.map(pick).filter(Boolean))].sort();

// Groups a command may target: every tag value of the inventory, e.g. group:cabinet=CAB-PT-01.
export function groupTargets(devices) {
  const groups = new Set();
  for (const device of devices) {
    for (const [key, value] of Object.entries(device.tags || {})) groups.add(`group:${key}=${value}`);
  }
  return [...groups].sort();
}

// Why a device is in its state: the detail's name and the driver's message, whichever there are.
export const why = ({ detail, message }) => [term('detail', detail), message].filter(Boolean).join(' — ');

export function healthBadge(status) {
  return h('span', { class: 'health', 'data-health': status, style: `--health:${colourOf(status)}` }, term('health', status));
}

// A select of the given values, with "all" first; onchange gets the chosen value ('' for all).
export function filterSelect(name, label, values, render, onchange) {
  return h('label', {}, label, ' ',
    h('select', { name, onchange: e => onchange(e.target.value) },
      h('option', { value: '' }, term('filter', 'ALL')),
      values.map(v => h('option', { value: v }, render(v)))));
}

// Great-circle distance in metres.
export function distance(a, b) {
  const rad = d => d * Math.PI / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371000 * Math.asin(Math.sqrt(s));
}
