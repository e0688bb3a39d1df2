// One device: its points and values, health since when and why, alarms and recent commands.
import { get } from '../api.js';
import { h } from '../dom.js';
import { formatNumber, formatTime, t, term } from '../i18n.js';
import { healthBadge, why } from '../devices.js';
import { maintenanceBadge, maintenanceByDevice } from '../maintenance.js';
import { deviceValues } from '../live.js';
import { alarmTable } from './alarms.js';
import { historyChart } from './history-chart.js';
import { table } from '../table.js';

const shown = value => (typeof value === 'number' ? formatNumber(value) : value === null || value === undefined ? '—' : String(value));

function pointRow(p) {
  return h('tr', { 'data-point': p.name },
    h('td', {}, p.name),
    h('td', {}, shown(p.value), p.unit ? ` ${p.unit}` : ''),
    h('td', { class: `quality-${p.quality}` }, term('quality', p.quality), p.reason && p.reason !== 'NONE' ? ` (${term('reason', p.reason)})` : ''),
    h('td', {}, formatTime(p.time)),
    h('td', {}, term('access', p.access)));
}

export async function deviceView(view, id) {
  const [device, commands, works] = await Promise.all([
    get(`/devices/${encodeURIComponent(id)}`),
    get('/commands?limit=50').then(r => r.commands || []).catch(() => []),
    maintenanceByDevice(),
  ]);
  const inMaintenance = works[id];
  // A group target (group:cabinet=CAB-PT-01) concerns the device when the device carries that tag.
  const concerns = target => target === device.id
    || Object.entries(device.tags || {}).some(([key, value]) => target === `group:${key}=${value}`);
  const ownCommands = commands.filter(c => concerns(c.target));
  view.append(h('article', { id: 'device', 'data-id': device.id },
    h('h1', {}, device.id, ' ', healthBadge(device.health), ' ', maintenanceBadge(inMaintenance)),
    inMaintenance && h('p', { class: 'maintenance-why', id: 'device-maintenance' }, t('maintenance.detail',
      { target: inMaintenance.target, by: inMaintenance.by, end: formatTime(inMaintenance.end), reason: inMaintenance.reason })),
    h('p', { class: 'health-why' },
      t('device.healthSince', { status: term('health', device.health), time: formatTime(device.since) }),
      device.health === 'ONLINE' || !why(device) ? '' : ` — ${why(device)}`),
    h('dl', {},
      h('dt', {}, t('device.class')), h('dd', {}, term('class', device.class)),
      h('dt', {}, t('device.driver')), h('dd', {}, device.driver),
      h('dt', {}, t('device.address')), h('dd', {}, device.address || ''),
      h('dt', {}, t('device.lastSeen')), h('dd', {}, formatTime(device.lastSeen)),
      h('dt', {}, t('device.errors')), h('dd', {}, formatNumber(device.errorCount ?? 0)),
      Object.entries(device.tags || {}).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    h('h2', {}, t('device.points')),
    table('points', ['point.name', 'point.value', 'point.quality', 'point.time', 'point.access'],
      (device.points || []).map(pointRow)),
    historyChart(device),
    h('h2', {}, t('device.healthHistory')),
    table('health-history', ['device.health', 'device.why', 'point.time'],
      (device.healthHistory || []).map(e => h('tr', {},
        h('td', {}, healthBadge(e.status)), h('td', {}, why(e)),
        h('td', {}, formatTime(e.time))))),
    h('h2', {}, t('nav.alarms')),
    alarmTable(device.alarms || []),
    h('h2', {}, t('device.commands')),
    table('device-commands', ['command.id', 'command.point', 'command.value', 'command.state', 'command.issuer'],
      ownCommands.map(c => h('tr', {},
        h('td', {}, c.id), h('td', {}, c.point), h('td', {}, shown(c.value)),
        h('td', {}, term('state', c.state)), h('td', {}, c.issuer || ''))))));

  const points = new Map((device.points || []).map(p => [p.name, p]));
  return deviceValues(device.id, change => {
    const point = points.get(change.point);
    if (!point) return;
    Object.assign(point, { value: change.value, quality: change.quality, reason: change.reason, time: change.time });
    view.querySelector(`#points tr[data-point="${CSS.escape(point.name)}"]`)?.replaceWith(pointRow(point));
  });
}
