// Two pictures of the node's pace: seconds between its last 50 blocks with their transaction
// counts, and its load over five minutes (requests per second and flush time, from /metrics).
import { $ } from './dom.js';
import { t } from './i18n.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg(tag, attributes) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

function label(x, y, text, anchor) {
  const node = svg('text', { class: 'axis', x, y, 'text-anchor': anchor });
  node.textContent = text;
  return node;
}

let lastBlocks = [];

/** Blocks oldest first: a bar per gap since the parent, a line of transaction counts. */
export function renderBlockChart(blocks) {
  lastBlocks = blocks;
  const W = 600, H = 160, top = 16, bottom = 18;
  const gaps = blocks.map((b, i) => (i === 0 || typeof b.timestamp !== 'number' || typeof blocks[i - 1].timestamp !== 'number')
    ? 0 : Math.max(0, b.timestamp - blocks[i - 1].timestamp));
  const counts = blocks.map((b) => (Array.isArray(b.transactions) ? b.transactions.length : 0));
  const maxGap = Math.max(1, ...gaps), maxCount = Math.max(1, ...counts);
  const step = W / Math.max(1, blocks.length);
  const y = (value, max) => H - bottom - (value / max) * (H - top - bottom);
  const shapes = gaps.map((gap, i) => {
    const bar = svg('rect', { class: 'bar', x: i * step + 1, width: Math.max(1, step - 2), y: y(gap, maxGap),
      height: H - bottom - y(gap, maxGap) });
    const title = svg('title', {});
    title.textContent = t('chart.bar', { index: blocks[i].index, gap: gap.toFixed(1),
      transactions: t('count.transactions', { n: counts[i] }) });
    bar.append(title);
    return bar;
  });
  if (blocks.length > 1) {
    shapes.push(svg('polyline', { class: 'tx', points: counts.map((c, i) => `${i * step + step / 2},${y(c, maxCount)}`).join(' ') }));
  }
  shapes.push(label(4, 12, `${maxGap.toFixed(1)} s`, 'start'), label(W - 4, 12, `${maxCount} tx`, 'end'));
  if (blocks.length) {
    shapes.push(label(4, H - 4, `#${blocks[0].index}`, 'start'), label(W - 4, H - 4, `#${blocks[blocks.length - 1].index}`, 'end'));
  }
  $('chart').replaceChildren(...shapes);
}

const LOAD_MS = 3000, LOAD_POINTS = 100; // five minutes
const load = [];

function parseMetrics(text) {
  let requests = 0, flushCount = 0, flushSum = 0;
  for (const line of text.split('\n')) {
    const value = () => Number(line.slice(line.lastIndexOf(' ') + 1));
    if (line.startsWith('http_server_request_duration_seconds_count{')) requests += value();
    else if (line.startsWith('blockchain_store_flush_seconds_count ')) flushCount = value();
    else if (line.startsWith('blockchain_store_flush_seconds_sum ')) flushSum = value();
  }
  return { requests, flushCount, flushSum };
}

/** A line over the last LOAD_POINTS samples; null values (nothing happened) leave gaps. */
function lineChart(target, values, format) {
  const W = 600, H = 120, top = 22, bottom = 6, left = 6, right = 8;
  const max = Math.max(0, ...values.filter((v) => v !== null));
  const step = (W - left - right) / (LOAD_POINTS - 1);
  const offset = LOAD_POINTS - values.length;
  const y = (v) => H - bottom - (max > 0 ? v / max : 0) * (H - top - bottom);
  const shapes = [];
  let points = [];
  const endLine = () => {
    if (points.length) shapes.push(svg('polyline', { class: 'load', points: points.join(' ') }));
    points = [];
  };
  values.forEach((v, i) => {
    if (v === null) {
      endLine();
      return;
    }
    const x = left + (offset + i) * step;
    points.push(`${x},${y(v)}`);
    shapes.push(svg('circle', { class: 'dot', cx: x, cy: y(v), r: 3 }));
  });
  endLine();
  shapes.push(label(4, 12, t('load.max', { value: format(max) }), 'start'), label(W - 4, 12, t('load.now'), 'end'));
  target.replaceChildren(...shapes);
}

function renderLoad() {
  const rates = [], flushMs = [];
  for (let i = 1; i < load.length; i++) {
    const a = load[i - 1], b = load[i];
    const seconds = (b.at - a.at) / 1000;
    rates.push(b.requests >= a.requests ? (b.requests - a.requests) / seconds : null);
    const flushes = b.flushCount - a.flushCount;
    flushMs.push(flushes > 0 ? (b.flushSum - a.flushSum) / flushes * 1000 : null);
  }
  if (!rates.length) return;
  lineChart($('rate-chart'), rates, (v) => `${v.toFixed(1)}/s`);
  lineChart($('flush-chart'), flushMs, (v) => `${v.toFixed(2)} ms`);
  const latest = rates[rates.length - 1];
  $('rate-now').textContent = latest === null ? '–' : t('load.requests', { n: latest.toFixed(1) });
  const flushed = flushMs.filter((v) => v !== null);
  $('flush-now').textContent = flushed.length ? `${flushed[flushed.length - 1].toFixed(2)} ms` : t('load.noWrites');
}

/** Samples /metrics every few seconds, for as long as the page is open. */
export async function sampleLoad() {
  try {
    const response = await fetch('metrics', { cache: 'no-store' });
    if (response.ok) {
      load.push({ at: performance.now(), ...parseMetrics(await response.text()) });
      if (load.length > LOAD_POINTS + 1) load.shift();
      renderLoad();
    }
  } catch (e) {
    // the status line already says when the node does not answer
  }
  setTimeout(sampleLoad, LOAD_MS);
}

export function redrawCharts() {
  renderBlockChart(lastBlocks);
  renderLoad();
}
