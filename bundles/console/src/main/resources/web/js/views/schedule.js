// What the schedules will do to a target over a range of days, one timeline per day in the site's zone.
import { get } from '../api.js';
import { fields, h, replace } from '../dom.js';
import { formatClock, formatNumber, minuteOfDay, siteDay, t } from '../i18n.js';
import { table } from '../table.js';


function timeline(day, events) {
  return h('div', { class: 'timeline-day' },
    h('span', { class: 'timeline-label' }, day),
    h('div', { class: 'timeline' },
      events.map(e => h('span', {
        class: 'timeline-event', title: `${formatClock(e.time)} ${e.point} = ${e.value} (${e.cause})`,
        style: `left:${(minuteOfDay(e.time) / 1440 * 100).toFixed(2)}%`,
      }))));
}

export async function scheduleView(view) {
  const now = Date.now();
  const day = offset => siteDay(new Date(now + offset * 86400000).toISOString());
  const result = h('section', { id: 'schedule-preview' });
  const form = h('form', { id: 'schedule-form', class: 'card inline', onsubmit: preview },
    h('label', {}, t('schedule.target'), h('input', { name: 'target', required: true, value: 'cabinet=CAB-PT-01' })),
    h('label', {}, t('schedule.from'), h('input', { name: 'from', type: 'date', required: true, value: day(0) })),
    h('label', {}, t('schedule.to'), h('input', { name: 'to', type: 'date', required: true,
      value: day(2) })),
    h('button', { type: 'submit' }, t('schedule.preview')));
  view.append(h('h1', {}, t('nav.schedule')), form, result);

  async function preview(event) {
    event?.preventDefault();
    const { target, from, to } = fields(form);
    try {
      const answer = await get(`/schedules/preview?${new URLSearchParams({ target, from, to })}`);
      const days = new Map();
      for (const e of answer.events) {
        const day = siteDay(e.time);
        days.set(day, [...(days.get(day) || []), e]);
      }
      replace(result,
        h('p', {}, t('schedule.zone', { zone: answer.zone })),
        answer.events.length ? [...days].map(([day, events]) => timeline(day, events)) : h('p', { class: 'empty' }, t('schedule.none')),
        table('schedule-events', ['point.time', 'command.target', 'command.point', 'command.value', 'schedule.cause'],
          answer.events.map(e => h('tr', {},
            h('td', {}, `${siteDay(e.time)} ${formatClock(e.time)}`), h('td', {}, e.target), h('td', {}, e.point),
            h('td', {}, typeof e.value === 'number' ? formatNumber(e.value) : String(e.value)), h('td', {}, e.cause)))));
    } catch (e) {
      replace(result, h('p', { class: 'problem' }, e.message));
    }
  }
  await preview();
}
