// The grid's feeders: each feeder's 48 h forecast (load, PV and what the transformer will carry, against its
// limits) beside the accuracy of its day-ahead forecasts, and its controllers' recent actions and proposals.
// The chart is drawn in SVG as the history chart is.
import { api, get, may } from '../api.js';
import { h, replace } from '../dom.js';
import { formatClock, formatNumber, formatTime, t } from '../i18n.js';
import { table } from '../table.js';
import { svg } from './history-chart.js';

const WIDTH = 800;
const HEIGHT = 260;
const PAD = { left: 56, right: 12, top: 12, bottom: 26 };

function chart(feeder, fc) {
  const step = fc.stepMinutes * 60_000;
  const from = Date.parse(fc.start);
  const to = from + fc.loadKw.length * step;
  const net = fc.loadKw.map((l, i) => (l === null || fc.pvKw[i] === null ? null : l - fc.pvKw[i]));
  const all = [...fc.loadKw, ...fc.pvKw, ...net, feeder.importLimitKw, -feeder.exportLimitKw].filter(v => v !== null);
  const lo = Math.min(0, ...all);
  const hi = Math.max(...all);
  const span = hi - lo || 1;
  const x = ms => PAD.left + (ms - from) / (to - from) * (WIDTH - PAD.left - PAD.right);
  const y = v => HEIGHT - PAD.bottom - (v - (lo - span * 0.05)) / (span * 1.1) * (HEIGHT - PAD.top - PAD.bottom);
  const el = svg('svg', { id: 'forecast-chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img',
    'aria-label': t('grid.chartLabel', { feeder: feeder.id }) });
  const line = (values, cls) => el.append(svg('polyline', { class: cls, points: values
    .map((v, i) => (v === null ? null : `${x(from + (i + 0.5) * step).toFixed(1)},${y(v).toFixed(1)}`)).filter(p => p).join(' ') }));
  const limit = (v, cls) => el.append(svg('line', { class: cls, x1: PAD.left, x2: WIDTH - PAD.right, y1: y(v), y2: y(v) }));
  limit(0, 'axis');
  limit(feeder.importLimitKw, 'limit-import');
  limit(-feeder.exportLimitKw, 'limit-export');
  line(fc.loadKw, 'forecast-load');
  line(fc.pvKw, 'forecast-pv');
  line(net, 'forecast-net');
  const label = (text, lx, ly, anchor) => el.append(svg('text', { x: lx, y: ly, 'text-anchor': anchor, class: 'axis-label' },
    document.createTextNode(text)));
  label(formatClock(new Date(from).toISOString()), PAD.left, HEIGHT - 8, 'start');
  label(formatClock(new Date(to).toISOString()), WIDTH - PAD.right, HEIGHT - 8, 'end');
  label(formatNumber(hi), PAD.left - 6, y(hi) + 4, 'end');
  label(formatNumber(lo), PAD.left - 6, y(lo) + 4, 'end');
  el.setAttribute('data-steps', fc.loadKw.length);
  return el;
}

function accuracy(fc) {
  const value = v => (v === null || v === undefined ? '—' : formatNumber(v));
  return h('dl', { id: 'forecast-accuracy' },
    h('dt', {}, t('grid.issued')), h('dd', {}, formatTime(fc.issued)),
    h('dt', {}, t('grid.slots')), h('dd', {}, formatNumber(fc.accuracySlots, 0)),
    h('dt', {}, 'MAE (kW)'), h('dd', { 'data-measure': 'mae' }, value(fc.maeKw)),
    h('dt', {}, 'MAPE (%)'), h('dd', { 'data-measure': 'mape' }, value(fc.mapePct)),
    h('dt', {}, 'MASE'), h('dd', { 'data-measure': 'mase' }, value(fc.mase)),
    h('dt', {}, t('grid.naive')), h('dd', {}, value(fc.naiveMaeKw)));
}

async function feederPage(view, feeder) {
  const area = h('div', { class: 'forecast-area' }, h('p', { class: 'empty' }, t('grid.loading')));
  const actions = h('div', { id: 'grid-actions' });
  view.append(h('article', { id: 'feeder', 'data-id': feeder.id },
    h('h1', {}, t('grid.feeder', { feeder: feeder.id })),
    h('p', {}, t('grid.limits', { meter: feeder.transformerMeter, import: formatNumber(feeder.importLimitKw),
      export: formatNumber(feeder.exportLimitKw), peak: feeder.peakMode, exportMode: feeder.exportMode })),
    area,
    h('p', { class: 'history-legend' }, t('grid.legend')),
    h('h2', {}, t('grid.actions')), actions));
  try {
    const fc = await get(`/grid/feeders/${encodeURIComponent(feeder.id)}/forecast`);
    replace(area, h('div', { class: 'forecast-row' }, chart(feeder, fc), accuracy(fc)),
      ...(fc.basis ? [h('p', { class: 'forecast-basis' }, t('grid.basis', { basis: fc.basis }))] : []));
  } catch (e) {
    replace(area, h('p', { class: 'problem' }, e.message));
  }
  async function showActions() {
    const list = await get(`/grid/feeders/${encodeURIComponent(feeder.id)}/actions?limit=50`);
    replace(actions, table('grid-action-table', ['point.time', 'grid.controller', 'grid.mode', 'grid.commands', 'command.why', 'grid.outcome'],
      list.map(a => h('tr', { 'data-id': a.id },
        h('td', {}, formatTime(a.time)), h('td', {}, a.controller), h('td', {}, a.mode), h('td', {}, a.commands.join(', ')),
        h('td', {}, a.reason),
        h('td', {}, a.outcome === 'proposed' && may('command')
          ? h('button', { type: 'button', class: 'approve', onclick: () => approve(a.id) }, t('grid.approve'))
          : a.outcome)))));
  }
  async function approve(id) {
    await api('POST', `/grid/feeders/proposals/${encodeURIComponent(id)}/approve`);
    showActions();
  }
  showActions();
}

export async function gridView(view, id) {
  const feeders = await get('/grid/feeders');
  const feeder = feeders.find(f => f.id === id) || (feeders.length === 1 ? feeders[0] : null);
  if (feeder) {
    await feederPage(view, feeder);
    return;
  }
  view.append(h('h1', {}, t('nav.grid')),
    feeders.length === 0 ? h('p', { class: 'empty' }, t('grid.none')) : table('feeder-table', ['grid.feederId', 'grid.importLimit', 'grid.exportLimit'],
      feeders.map(f => h('tr', {}, h('td', {}, h('a', { href: `#/grid/${encodeURIComponent(f.id)}` }, f.id)),
        h('td', {}, formatNumber(f.importLimitKw)), h('td', {}, formatNumber(f.exportLimitKw))))));
}
