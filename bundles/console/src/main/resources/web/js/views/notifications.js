// Alarm notifications: what was sent, failed or skipped; an administrator edits the channel and rule files.
import { api, get, may } from '../api.js';
import { h, replace } from '../dom.js';
import { formatTime, t } from '../i18n.js';
import { table } from '../table.js';

export async function notificationsView(view) {
  const { records } = await get('/notifications?since=P7D&limit=200');
  view.append(h('h1', {}, t('nav.notifications')),
    records.length
      ? table('notifications', ['point.time', 'notify.alarm', 'notify.event', 'notify.rule', 'notify.channel', 'notify.outcome', 'notify.detail'],
        records.reverse().map(r => h('tr', { class: 'notification-row', 'data-outcome': r.outcome },
          h('td', {}, formatTime(r.time)), h('td', {}, r.alarm), h('td', {}, r.event), h('td', {}, r.rule),
          h('td', {}, r.channel), h('td', { class: `outcome-${r.outcome}` }, r.outcome),
          h('td', {}, r.attempt ? `#${r.attempt} ${r.detail}` : r.detail))))
      : h('p', { class: 'empty' }, t('notify.none')));
  if (!may('configure')) return;

  const { files } = await get('/notifications/files');
  view.append(h('h2', {}, t('notify.files')), h('p', {}, t('notify.filesHelp')));
  const names = Object.keys(files);
  for (const name of names.length ? names : ['rules.json']) {
    view.append(fileEditor(name, files[name] ?? '{"channels": [], "rules": []}'));
  }
}

function fileEditor(name, text) {
  const outcome = h('div', { class: 'file-outcome', role: 'status' });
  const area = h('textarea', { name, rows: 16, cols: 100, spellcheck: false }, text);
  async function save(event) {
    event.preventDefault();
    try {
      await api('PUT', `/notifications/files/${encodeURIComponent(name)}`, JSON.parse(area.value));
      replace(outcome, t('notify.saved', { name }));
    } catch (e) {
      // The API names every problem by file and field.
      replace(outcome, h('ul', { class: 'problem' }, (e.problems?.length ? e.problems : [e.message]).map(p => h('li', {}, p))));
    }
  }
  return h('form', { class: 'notify-file', 'data-name': name, onsubmit: save },
    h('h3', {}, name), area, h('button', { type: 'submit' }, t('notify.save')), outcome);
}
