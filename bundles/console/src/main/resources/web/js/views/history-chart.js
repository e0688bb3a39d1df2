// A device point's history as a chart: min-max band and mean line per bucket, under bands of the
// device's health (background) and alarms (a strip on top), drawn in SVG without a library.
import { ApiError, get } from '../api.js';
import { h, replace } from '../dom.js';
import { colourOf } from '../devices.js';
import { formatClock, formatNumber, formatTime, t, term } from '../i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 800;
const HEIGHT = 260;
const PAD = { left: 56, right: 12, top: 22, bottom: 26 };
const BUCKETS = 400;
const SPANS = { PT6H: 6, P1D: 24, P7D: 24 * 7, P30D: 24 * 30 };
const CHARTED = ['FLOAT', 'INTEGER', 'BOOLEAN'];

export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  for (const child of children) if (child) el.append(child);
  return el;
}

function historyPath(id, params) {
  return `/devices/${encodeURIComponent(id)}/history?${new URLSearchParams(params)}`;
}

// [{status, from, to}] from the health in force at the start and its changes.
export function healthBands(health, from, to) {
  return health.map((e, i) => ({
    status: e.status,
    from: Math.max(Date.parse(e.time), from),
    to: i + 1 < health.length ? Date.parse(health[i + 1].time) : to,
  })).filter(b => b.to > b.from);
}

// [{type, from, to}]: each alarm from its raising (or the start) to its clearing (or the end).
export function alarmBands(alarms, from, to) {
  const open = new Map();
  const bands = [];
  for (const a of alarms) {
    const at = Math.max(Date.parse(a.changedAt), from);
    if (a.state === 'CLEARED') {
      if (open.has(a.type)) bands.push({ type: a.type, from: open.get(a.type), to: at });
      open.delete(a.type);
    } else if (!open.has(a.type)) {
      open.set(a.type, Math.max(Date.parse(a.raisedAt), from));
    }
  }
  for (const [type, start] of open) bands.push({ type, from: start, to });
  return bands;
}

function draw(data, from, to) {
  const x = ms => PAD.left + (ms - from) / (to - from) * (WIDTH - PAD.left - PAD.right);
  const buckets = (data.buckets || []).filter(b => b.min !== null && b.min !== undefined);
  const lo = Math.min(...buckets.map(b => b.min));
  const hi = Math.max(...buckets.map(b => b.max));
  const span = hi - lo || Math.abs(hi) || 1;
  const y = v => HEIGHT - PAD.bottom - (v - (lo - span * 0.05)) / (span * 1.1) * (HEIGHT - PAD.top - PAD.bottom);
  const chart = svg('svg', { id: 'history-chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img',
    'aria-label': t('history.chartLabel', { point: data.point }) });
  for (const b of healthBands(data.health || [], from, to)) {
    chart.append(svg('rect', { class: 'band-health', 'data-status': b.status, x: x(b.from), y: PAD.top,
      width: Math.max(1, x(b.to) - x(b.from)), height: HEIGHT - PAD.top - PAD.bottom, fill: colourOf(b.status),
      'fill-opacity': b.status === 'ONLINE' ? 0.06 : 0.22 }, svg('title', {}, term('health', b.status))));
  }
  alarmBands(data.alarms || [], from, to).forEach((b, i) => {
    chart.append(svg('rect', { class: 'band-alarm', 'data-type': b.type, x: x(b.from), y: 2 + (i % 3) * 6,
      width: Math.max(2, x(b.to) - x(b.from)), height: 5, fill: '#c62828' },
    svg('title', {}, `${term('alarm', b.type)} ${formatTime(new Date(b.from).toISOString())}`)));
  });
  chart.append(svg('line', { class: 'axis', x1: PAD.left, x2: WIDTH - PAD.right, y1: HEIGHT - PAD.bottom, y2: HEIGHT - PAD.bottom }));
  const label = (text, lx, ly, anchor) => chart.append(svg('text', { x: lx, y: ly, 'text-anchor': anchor, class: 'axis-label' },
    document.createTextNode(text)));
  label(formatClock(new Date(from).toISOString()), PAD.left, HEIGHT - 8, 'start');
  label(formatClock(new Date(to).toISOString()), WIDTH - PAD.right, HEIGHT - 8, 'end');
  if (buckets.length === 0) {
    chart.setAttribute('data-buckets', 0);
    label(t('history.empty'), WIDTH / 2, HEIGHT / 2, 'middle');
    return chart;
  }
  label(formatNumber(hi), PAD.left - 6, y(hi) + 4, 'end');
  label(formatNumber(lo), PAD.left - 6, y(lo) + 4, 'end');
  const width = data.step ? duration(data.step) : 0;
  const mid = b => Date.parse(b.start) + width / 2;
  const upper = buckets.map(b => `${x(mid(b)).toFixed(1)},${y(b.max).toFixed(1)}`);
  const lower = buckets.map(b => `${x(mid(b)).toFixed(1)},${y(b.min).toFixed(1)}`).reverse();
  chart.append(svg('polygon', { class: 'history-range', points: [...upper, ...lower].join(' ') }));
  chart.append(svg('polyline', { class: 'history-line', points: buckets.map(b => `${x(mid(b)).toFixed(1)},${y(b.mean).toFixed(1)}`).join(' ') }));
  // A few buckets (a runtime just started, a point that rarely changes) show as dots a line alone would hide.
  if (buckets.length < 60) {
    for (const b of buckets) {
      chart.append(svg('circle', { class: 'history-point', cx: x(mid(b)).toFixed(1), cy: y(b.mean).toFixed(1), r: 3 },
        svg('title', {}, `${formatTime(b.start)}: ${formatNumber(b.mean)}`)));
    }
  }
  chart.setAttribute('data-buckets', buckets.length);
  return chart;
}

// Milliseconds of an ISO-8601 duration as the API writes them (PT3M36S, PT1H, P1D).
function duration(iso) {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(iso) || [];
  return (((+(m[1] || 0) * 24 + +(m[2] || 0)) * 60 + +(m[3] || 0)) * 60 + +(m[4] || 0)) * 1000;
}

// The history section of a device's page.
export function historyChart(device) {
  const points = (device.points || []).filter(p => CHARTED.includes(p.type));
  if (points.length === 0) return null;
  const preferred = points.find(p => p.name === 'power') || points.find(p => p.name === 'dim') || points[0];
  const state = { point: preferred.name, span: 'P1D' };
  const area = h('div', { class: 'history-area' });
  const csv = h('a', { id: 'history-csv', download: '' }, t('history.csv'));

  async function show() {
    const to = Date.now();
    const from = to - SPANS[state.span] * 3600_000;
    const params = { point: state.point, from: new Date(from).toISOString(), to: new Date(to).toISOString() };
    const step = `PT${Math.max(1, Math.ceil((to - from) / 1000 / BUCKETS))}S`;
    csv.href = `/api/v1${historyPath(device.id, { ...params, format: 'csv' })}`;
    replace(area, h('p', { class: 'empty' }, t('history.loading')));
    try {
      const data = await get(historyPath(device.id, { ...params, step }));
      const unit = points.find(p => p.name === state.point)?.unit;
      replace(area, draw(data, from, to),
        h('p', { class: 'history-legend' }, t('history.legend', { unit: unit ? ` (${unit})` : '' })));
    } catch (e) {
      replace(area, h('p', { class: 'problem' }, e instanceof ApiError && e.status === 503 ? t('history.unavailable') : e.message));
    }
  }

  const section = h('section', { id: 'history', 'data-device': device.id },
    h('h2', {}, t('history.title')),
    h('div', { class: 'history-controls' },
      h('label', {}, t('history.point'), ' ',
        h('select', { id: 'history-point', onchange: e => { state.point = e.target.value; show(); } },
          points.map(p => h('option', { value: p.name, selected: p.name === state.point }, p.name)))),
      h('label', {}, t('history.span'), ' ',
        h('select', { id: 'history-span', onchange: e => { state.span = e.target.value; show(); } },
          Object.keys(SPANS).map(s => h('option', { value: s, selected: s === state.span }, t(`history.span.${s}`))))),
      csv),
    area);
  show();
  return section;
}
