// A command to a device or a group, and each device's state as it arrives on the live stream.
import { api, get } from '../api.js';
import { fields, h, replace } from '../dom.js';
import { formatNumber, formatTime, t, term } from '../i18n.js';
import { listen } from '../live.js';
import { groupTargets, loadDevices } from '../devices.js';
import { table } from '../table.js';

const FINAL = new Set(['CONFIRMED', 'FAILED', 'TIMED_OUT', 'REJECTED', 'UNKNOWN']);

// "40" is a number and "true" a switch; anything else is sent as text.
function parseValue(text) {
  if (text === 'true' || text === 'false') return text === 'true';
  return text !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
}

export async function commandView(view) {
  const devices = await loadDevices();
  const result = h('section', { id: 'command-result' });
  const form = h('form', { id: 'command-form', class: 'card', onsubmit: submit },
    h('label', {}, t('command.target'),
      h('input', { name: 'target', list: 'targets', required: true, placeholder: 'group:cabinet=CAB-PT-01' })),
    h('datalist', { id: 'targets' }, [...devices.map(d => d.id), ...groupTargets(devices)].map(v => h('option', { value: v }))),
    h('label', {}, t('command.point'), h('input', { name: 'point', required: true, placeholder: 'dim' })),
    h('label', {}, t('command.value'), h('input', { name: 'value', required: true, placeholder: '40' })),
    h('label', {}, t('command.reason'), h('input', { name: 'reason', required: true })),
    h('label', { title: t('command.forceTitle') }, h('input', { type: 'checkbox', name: 'force', value: 'true' }), ' ', t('command.force')),
    h('button', { type: 'submit', id: 'send-command' }, t('command.send')));
  view.append(h('h1', {}, t('nav.command')), form, result);

  // Events of a command can arrive before its id does: keep them until the answer names it.
  let current = null;
  let early = [];
  const stop = listen('command', event => {
    if (current?.id === event.commandId) current.update(event);
    else if (!current) early.push(event);
  });

  async function submit(event) {
    event.preventDefault();
    const { target, point, value, reason, force } = fields(form);
    current = null;
    early = [];
    replace(result);
    form.querySelector('button').disabled = true;
    try {
      const accepted = await api('POST', '/commands', { target, point, value: parseValue(value), reason, force: force === 'true' });
      current = tracker(accepted);
      early.filter(e => e.commandId === accepted.id).forEach(e => current.update(e));
      early = [];
      // A command that finished within the answer's wait lists its devices; else its changes so far.
      const snapshot = accepted.devices ? accepted : await get(`/commands/${encodeURIComponent(accepted.id)}`);
      (snapshot.devices || []).map(d => ({ ...d, device: d.device ?? d.deviceId }))
        .filter(d => d.device).forEach(d => current.update(d, true));
    } catch (e) {
      replace(result, h('p', { class: 'problem', role: 'alert' }, e.code ? `${term('reason', e.code)}: ${e.message}` : e.message));
    } finally {
      form.querySelector('button').disabled = false;
    }
  }

  function tracker(accepted) {
    const rows = new Map();
    const summary = h('p', { class: 'summary' });
    const states = table('command-devices', ['device.id', 'command.state', 'command.why', 'point.time'], []);
    const body = states.querySelector('tbody');
    replace(result, h('h2', {}, t('command.sent', { id: accepted.id, target: accepted.target })), summary, states);

    function showSummary() {
      const states = [...rows.values()].map(row => row.dataset.state);
      summary.textContent = t('command.progress', {
        done: formatNumber(states.filter(s => FINAL.has(s)).length),
        confirmed: formatNumber(states.filter(s => s === 'CONFIRMED').length),
        total: formatNumber(states.length),
      });
    }

    // A snapshot only fills in devices the stream has not spoken of yet.
    function update(event, fromSnapshot = false) {
      if (!event.device || (fromSnapshot && rows.has(event.device))) return;
      const row = h('tr', { class: 'command-device', 'data-device': event.device, 'data-state': event.state },
        h('td', {}, event.device),
        h('td', { class: `state-${event.state}` }, term('state', event.state)),
        h('td', {}, event.reason && event.reason !== 'NONE' ? term('reason', event.reason) : ''),
        h('td', {}, formatTime(event.time)));
      if (rows.has(event.device)) rows.get(event.device).replaceWith(row);
      else body.append(row);
      rows.set(event.device, row);
      showSummary();
    }
    return { id: accepted.id, update };
  }

  return stop;
}
