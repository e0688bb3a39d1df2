// The audit log, newest last, and a check of its hash chain.
import { get } from '../api.js';
import { h, replace } from '../dom.js';
import { formatNumber, formatTime, t, term } from '../i18n.js';
import { table } from '../table.js';

export async function auditView(view) {
  const verdict = h('p', { id: 'audit-verdict' });
  const { records } = await get('/audit?limit=200');
  view.append(
    h('h1', {}, t('nav.audit')),
    h('button', { type: 'button', id: 'verify-audit', onclick: verify }, t('audit.verify')),
    verdict,
    table('audit', ['audit.seq', 'point.time', 'command.id', 'device.id', 'audit.event', 'command.why', 'command.issuer'],
      records.map(r => h('tr', {},
        h('td', {}, r.seq), h('td', {}, formatTime(r.time)), h('td', {}, r.commandId), h('td', {}, r.deviceId || ''),
        h('td', {}, term('state', r.event)), h('td', {}, r.reason && r.reason !== 'NONE' ? term('reason', r.reason) : ''),
        h('td', {}, r.issuer)))));

  async function verify() {
    replace(verdict, t('audit.verifying'));
    const answer = await get('/audit/verify');
    verdict.dataset.ok = String(answer.intact);
    replace(verdict, answer.intact
      ? t('audit.intact', { records: formatNumber(answer.records) })
      : t('audit.broken', { record: formatNumber(answer.firstBad), why: answer.problem }));
  }
}
