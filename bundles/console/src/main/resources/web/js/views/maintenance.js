// Maintenance windows: what is in maintenance until when and why; the maintenance role sets and ends them.
import { api, get, may } from '../api.js';
import { fields, h, replace } from '../dom.js';
import { formatTime, t } from '../i18n.js';
import { groupTargets, loadDevices } from '../devices.js';
import { table } from '../table.js';

export async function maintenanceView(view) {
  const holder = h('div');
  const outcome = h('p', { id: 'maintenance-outcome', role: 'status' });
  view.append(h('h1', {}, t('nav.maintenance')), holder);
  if (may('maintain')) {
    const devices = await loadDevices();
    const form = h('form', { id: 'maintenance-form', onsubmit: set },
      h('label', {}, t('maintenance.target'), ' ',
        h('input', { name: 'target', list: 'maintenance-targets', required: true, placeholder: 'group:cabinet=CAB-PT-01' })),
      h('datalist', { id: 'maintenance-targets' },
        [...groupTargets(devices), ...devices.map(d => d.id)].map(v => h('option', { value: v }))),
      h('label', {}, t('maintenance.reason'), ' ', h('input', { name: 'reason', required: true })),
      h('label', {}, t('maintenance.hours'), ' ',
        h('input', { name: 'hours', type: 'number', min: '0.25', step: '0.25', value: '4', required: true })),
      h('button', { type: 'submit' }, t('maintenance.set')));
    view.append(form, outcome);
  }

  async function set(event) {
    event.preventDefault();
    const f = fields(event.target);
    const minutes = Math.round(Number(f.hours) * 60);
    try {
      await api('PUT', `/maintenance/${encodeURIComponent(f.target)}`, { reason: f.reason, until: `PT${minutes}M` });
      replace(outcome, t('maintenance.done', { target: f.target }));
      await show();
    } catch (e) {
      replace(outcome, h('span', { class: 'problem' }, e.message));
    }
  }

  async function clear(target) {
    try {
      await api('DELETE', `/maintenance/${encodeURIComponent(target)}`);
      await show();
    } catch (e) {
      replace(outcome, h('span', { class: 'problem' }, e.message));
    }
  }

  async function show() {
    const { windows } = await get('/maintenance');
    replace(holder, windows.length
      ? table('maintenance', ['maintenance.target', 'maintenance.until', 'maintenance.by', 'maintenance.reason', ''],
        windows.map(w => h('tr', { class: 'maintenance-row', 'data-target': w.target },
          h('td', {}, w.target), h('td', {}, formatTime(w.end)), h('td', {}, w.by), h('td', {}, w.reason),
          h('td', {}, may('maintain') && h('button', { type: 'button', class: 'clear', onclick: () => clear(w.target) },
            t('maintenance.clear'))))))
      : h('p', { class: 'empty' }, t('maintenance.none')));
  }
  await show();
}
