// What the schedules will do to a group over a range of days, one timeline per day in the site's zone.
import { get } from '../api.js';
import { fields, h, replace } from '../dom.js';
import { formatClock, formatNumber, minuteOfDay, siteDay, t } from '../i18n.js';
import { table } from '../table.js';

function timeline(day, events) {
  return h('div', { class: 'timeline-day' },
    h('span', { class: 'timeline-label' }, day),
    h('div', { class: 'timeline' },
      events.map(e => h('span', {
        class: 'timeline-event', title: `${formatClock(e.time)} ${formatNumber(e.level)} % (${e.program} ${e.step})`,
        style: `left:${(minuteOfDay(e.time) / 1440 * 100).toFixed(2)}%`,
      }))));
}

export async function scheduleView(view) {
  const now = Date.now();
  const day = offset => siteDay(new Date(now + offset * 86400000).toISOString());
  const result = h('section', { id: 'schedule-preview' });
  const form = h('form', { id: 'schedule-form', class: 'card inline', onsubmit: preview },
    h('label', {}, t('schedule.group'), h('input', { name: 'group', required: true, value: 'cabinet=CAB-PT-01' })),
    h('label', {}, t('schedule.from'), h('input', { name: 'from', type: 'date', required: true, value: day(0) })),
    h('label', {}, t('schedule.to'), h('input', { name: 'to', type: 'date', required: true, value: day(2) })),
    h('button', { type: 'submit' }, t('schedule.preview')));
  view.append(h('h1', {}, t('nav.schedule')), form, result);

  async function preview(event) {
    event?.preventDefault();
    try {
      const answer = await get(`/schedules/preview?${new URLSearchParams(fields(form))}`);
      const days = new Map();
      for (const e of answer.events) days.set(siteDay(e.time), [...(days.get(siteDay(e.time)) || []), e]);
      replace(result,
        h('p', {}, t('schedule.zone', { zone: answer.zone })),
        answer.events.length ? [...days].map(([date, events]) => timeline(date, events)) : h('p', { class: 'empty' }, t('schedule.none')),
        table('schedule-events', ['point.time', 'schedule.level', 'schedule.program', 'schedule.step', 'schedule.note'],
          answer.events.map(e => h('tr', {},
            h('td', {}, `${siteDay(e.time)} ${formatClock(e.time)}`), h('td', {}, `${formatNumber(e.level)} %`),
            h('td', {}, e.program || ''), h('td', {}, e.step || ''), h('td', {}, e.note || '')))));
    } catch (e) {
      replace(result, h('p', { class: 'problem' }, e.message));
    }
  }
  await preview();
}
