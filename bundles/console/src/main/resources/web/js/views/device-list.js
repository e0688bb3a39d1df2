import { h, replace } from '../dom.js';
import { formatTime, t, term } from '../i18n.js';
import { table } from '../table.js';
import { distinct, filterSelect, healthBadge, loadDevices, why, zoneOf } from '../devices.js';
import { maintenanceBadge, maintenanceByDevice } from '../maintenance.js';

const LIMIT = 500;

export async function deviceListView(view) {
  const [devices, works] = await Promise.all([loadDevices(), maintenanceByDevice()]);
  const filter = { class: '', health: '', text: '' };
  const count = h('p', { class: 'count' });
  const list = table('devices', ['device.id', 'device.class', 'device.zone', 'device.health', 'device.since', 'device.why'], []);
  const body = list.querySelector('tbody');
  view.append(
    h('div', { class: 'filters' },
      filterSelect('class', t('device.class'), distinct(devices, d => d.class), v => term('class', v), v => { filter.class = v; show(); }),
      filterSelect('health', t('device.health'), distinct(devices, d => d.health), v => term('health', v), v => { filter.health = v; show(); }),
      h('label', {}, t('filter.text'), ' ',
        h('input', { type: 'search', name: 'text', oninput: e => { filter.text = e.target.value.trim().toLowerCase(); show(); } }))),
    count,
    list);

  const text = device => [device.id, device.class, ...Object.values(device.tags || {})].join(' ').toLowerCase();

  function show() {
    const shown = devices.filter(d => (!filter.class || d.class === filter.class)
      && (!filter.health || d.health === filter.health) && (!filter.text || text(d).includes(filter.text)));
    count.textContent = t('device.count', { shown: shown.length, total: devices.length });
    // Thousands of rows would only slow the phone down; the filters narrow the list.
    replace(body, shown.slice(0, LIMIT).map(d => h('tr', { class: 'device-row', 'data-id': d.id },
      h('td', {}, h('a', { href: `#/device/${encodeURIComponent(d.id)}` }, d.id)),
      h('td', {}, term('class', d.class)),
      h('td', {}, zoneOf(d)),
      h('td', {}, healthBadge(d.health), ' ', maintenanceBadge(works[d.id])),
      h('td', {}, formatTime(d.since)),
      h('td', {}, d.health === 'ONLINE' ? '' : why(d)))));
  }
  show();
}
