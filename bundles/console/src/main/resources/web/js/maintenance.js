// Which devices are in maintenance, and the badge that says so wherever a device is shown.
import { get } from './api.js';
import { h } from './dom.js';
import { formatTime, t } from './i18n.js';

// Device id -> the window that covers it (its own or its group's); empty when the API has none.
export async function maintenanceByDevice() {
  return (await get('/maintenance/devices').catch(() => ({ devices: {} }))).devices || {};
}

export function maintenanceBadge(w) {
  return w && h('span', { class: 'maintenance', title: t('maintenance.badgeTitle',
    { target: w.target, by: w.by, end: formatTime(w.end), reason: w.reason }) }, t('maintenance.badge'));
}
