// Active alarms, acknowledged by the roles that may.
import { api, get, may } from '../api.js';
import { h, replace } from '../dom.js';
import { formatTime, t, term } from '../i18n.js';
import { listen } from '../live.js';
import { table } from '../table.js';

const ALARM_COLUMNS = ['alarm.source', 'alarm.type', 'alarm.severity', 'alarm.state', 'alarm.message', 'alarm.raisedAt', 'alarm.acknowledged', ''];

function alarmRow(alarm) {
  const row = h('tr', { class: 'alarm-row', 'data-source': alarm.source, 'data-type': alarm.type, 'data-state': alarm.state },
    h('td', {}, h('a', { href: `#/device/${encodeURIComponent(alarm.source)}` }, alarm.source)),
    h('td', {}, term('alarmType', alarm.type)),
    h('td', { class: `severity-${alarm.severity}` }, term('severity', alarm.severity)),
    h('td', {}, term('alarmState', alarm.state)),
    h('td', {}, alarm.message),
    h('td', {}, formatTime(alarm.raisedAt)),
    h('td', {}, alarm.acknowledgedBy ? t('alarm.ackBy', { user: alarm.acknowledgedBy, time: formatTime(alarm.changedAt) }) : ''),
    h('td', {}, alarm.state === 'RAISED' && may('acknowledge')
      && h('button', { type: 'button', class: 'ack', onclick: acknowledge }, t('alarm.acknowledge'))));

  async function acknowledge(event) {
    event.target.disabled = true;
    try {
      const acked = await api('POST', `/alarms/${encodeURIComponent(alarm.source)}/${encodeURIComponent(alarm.type)}/ack`);
      row.replaceWith(alarmRow(acked));
    } catch (e) {
      event.target.disabled = false;
      event.target.title = e.message;
    }
  }
  return row;
}

export const alarmTable = alarms => table('alarms', ALARM_COLUMNS, alarms.map(alarmRow));

export async function alarmsView(view) {
  const holder = h('div');
  view.append(h('h1', {}, t('nav.alarms')), holder);
  async function show() {
    const { alarms } = await get('/alarms');
    replace(holder, alarms.length ? alarmTable(alarms) : h('p', { class: 'empty' }, t('alarm.none')));
  }
  await show();
  return listen('alarm', show);
}
