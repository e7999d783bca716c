// The network on one screen: this node and its peers as coloured badges (height, tip, pending,
// whether it answers), and the recent blocks of all of them as one tree, each block placed once,
// an arrow from child to parent, labelled with the nodes whose tip it is. Blocks this node's
// chain does not hold are greyed: a fork's other side, marked with who dropped it. Under the
// tree, one block's journey: when each node took it and from whom, and who dropped it with what
// went back to the pool. Drawn from GET /network (the node asks its peers; the browser never
// talks to another origin).
import { $, el, short, hashText, peerLink, knowPeerNames } from './dom.js';
import { t, tParts, has, clock } from './i18n.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
let last = null;
let chosen = null; // the block whose journey is shown, when the reader clicked one; else the newest
const toldSteps = new Set(); // steps already shown: only news slides in, so a block is seen travelling
// on a projector (1280 px, 1920 px) the tree is drawn larger, to be read from the back of the room
const PROJECTOR = matchMedia('(min-width: 1200px)');
const WIDE = matchMedia('(min-width: 1600px)');
for (const width of [PROJECTOR, WIDE]) width.addEventListener('change', () => redrawNetwork());

function label(node) {
  if (node.name) return node.name;
  try {
    return new URL(node.url).host;
  } catch (e) {
    return node.url;
  }
}

function badge(node, self) {
  const name = label(node);
  const state = !node.answered
    ? (node.speaks === 'tutorial' ? t('network.tutorial') : t('network.down', { time: node.last_heard ? clock(new Date(node.last_heard)) : '–' }))
    : t('network.answers');
  const facts = [node.height != null ? t('network.height', { n: node.height }) : null,
    node.pending != null ? t('network.pending', { n: node.pending }) : null].filter(Boolean).join(' · ');
  const box = el('li', { className: 'lane' + (node.answered || node.speaks === 'tutorial' ? '' : ' down') + (self ? ' self' : ''),
    'data-url': node.url },
  el('span', { className: 'lane-name', title: node.url, text: name }),
  el('span', { className: 'lane-facts', text: facts }),
  node.tip ? el('span', { className: 'lane-tip' }, hashText(node.tip)) : '',
  el('span', { className: 'lane-state', text: state }),
  self ? '' : el('span', { className: 'lane-link' }, peerLink(node.url, false)));
  box.style.borderColor = node.colour; // the colour its own page has
  box.querySelector('.lane-name').style.backgroundColor = node.colour;
  return box;
}

/** Rows for the tree: a block goes on its parent's row unless a sibling took it first (then a new row: a fork). */
function place(blocks) {
  const row = new Map();
  const taken = new Set();
  let rows = 0;
  for (const block of blocks) {
    const parentRow = row.get(block.parent);
    let r = parentRow !== undefined && !taken.has(`${parentRow}:${block.height}`) ? parentRow : undefined;
    if (r === undefined) {
      r = rows;
      rows += 1;
    }
    taken.add(`${r}:${block.height}`);
    row.set(block.hash, r);
  }
  return { row, rows };
}

function drawTree(view, shownHash) {
  const blocks = view.blocks;
  const svg = $('network-tree');
  if (!blocks.length) {
    svg.replaceChildren();
    svg.setAttribute('height', '0');
    return;
  }
  const self = view.nodes[0].url;
  const { row, rows } = place(blocks);
  const low = blocks[0].height;
  const W = 150, H = 70, BW = 118, BH = 44, PAD = 10;
  const at = (b) => ({ x: PAD + (b.height - low) * W, y: PAD + row.get(b.hash) * H });
  const width = PAD * 2 + (blocks[blocks.length - 1].height - low) * W + BW + 60; // room for a long name under the newest
  const height = PAD * 2 + (rows - 1) * H + BH + 22;
  const zoom = WIDE.matches ? 1.35 : PROJECTOR.matches ? 1.15 : 1;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(Math.round(width * zoom)));
  svg.setAttribute('height', String(Math.round(height * zoom)));
  const byHash = new Map(blocks.map((b) => [b.hash, b]));
  const names = new Map(view.nodes.map((n) => [n.url, label(n)]));
  const colours = new Map(view.nodes.map((n) => [n.url, n.colour]));
  const shapes = [];
  for (const b of blocks) {
    const parent = byHash.get(b.parent);
    if (parent) { // the arrow, child to parent
      const from = at(b);
      const to = at(parent);
      const line = document.createElementNS(SVG_NS, 'line');
      line.setAttribute('class', 'tree-arrow');
      line.setAttribute('x1', String(from.x));
      line.setAttribute('y1', String(from.y + BH / 2));
      line.setAttribute('x2', String(to.x + BW));
      line.setAttribute('y2', String(to.y + BH / 2));
      line.setAttribute('marker-end', 'url(#arrow-head)');
      shapes.push(line);
    }
  }
  for (const b of blocks) {
    const { x, y } = at(b);
    const g = document.createElementNS(SVG_NS, 'g');
    const onOurs = b.main_of.includes(self);
    g.setAttribute('class', 'tree-block' + (onOurs ? '' : ' side'));
    g.dataset.hash = b.hash;
    g.dataset.height = String(b.height);
    const rect = document.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('x', String(x));
    rect.setAttribute('y', String(y));
    rect.setAttribute('width', String(BW));
    rect.setAttribute('height', String(BH));
    rect.setAttribute('rx', '6');
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = `${b.hash}\n${t('network.holders', { nodes: b.main_of.map((u) => names.get(u) || u).join(', ') })}`;
    const text = document.createElementNS(SVG_NS, 'text');
    text.setAttribute('x', String(x + 8));
    text.setAttribute('y', String(y + 18));
    text.textContent = `#${b.height}`;
    const hash = document.createElementNS(SVG_NS, 'text');
    hash.setAttribute('class', 'tree-hash');
    hash.setAttribute('x', String(x + 8));
    hash.setAttribute('y', String(y + 35));
    hash.textContent = short(b.hash).slice(0, 13);
    g.append(title, rect, text, hash);
    let dx = 0;
    for (const url of b.tip_of) { // the nodes whose tip it is, in their colours
      const name = names.get(url) || url;
      const tag = document.createElementNS(SVG_NS, 'text');
      tag.setAttribute('class', 'tree-tip');
      tag.setAttribute('x', String(x + dx));
      tag.setAttribute('y', String(y + BH + 14));
      tag.style.fill = colours.get(url) || 'currentColor';
      tag.textContent = name;
      dx += 12 + name.length * 8;
      g.append(tag);
    }
    if (!b.tip_of.length && b.dropped.length) { // the fork's loser: who left it
      const first = b.dropped[0];
      const tag = document.createElementNS(SVG_NS, 'text');
      tag.setAttribute('class', 'tree-dropped');
      tag.setAttribute('x', String(x));
      tag.setAttribute('y', String(y + BH + 14));
      tag.style.fill = colours.get(first.node) || 'currentColor';
      tag.textContent = t('network.droppedShort', { node: names.get(first.node) || first.node });
      g.append(tag);
    }
    if (b.hash === shownHash) g.classList.add('chosen');
    g.addEventListener('click', () => {
      chosen = b.hash;
      renderNetwork(last);
    });
    shapes.push(g);
  }
  const defs = document.createElementNS(SVG_NS, 'defs');
  const marker = document.createElementNS(SVG_NS, 'marker');
  marker.setAttribute('id', 'arrow-head');
  marker.setAttribute('viewBox', '0 0 10 10');
  marker.setAttribute('refX', '10');
  marker.setAttribute('refY', '5');
  marker.setAttribute('markerWidth', '7');
  marker.setAttribute('markerHeight', '7');
  marker.setAttribute('orient', 'auto');
  const head = document.createElementNS(SVG_NS, 'path');
  head.setAttribute('d', 'M0,0 L10,5 L0,10 z');
  head.setAttribute('class', 'tree-arrow-head');
  marker.append(head);
  defs.append(marker);
  svg.replaceChildren(defs, ...shapes);
  $('network-tree-box').scrollLeft = $('network-tree-box').scrollWidth;
}

function delay(ms) {
  return ms < 1000 ? t('network.delayMs', { n: Math.max(0, Math.round(ms)) }) : t('network.delayS', { n: (ms / 1000).toFixed(1) });
}

/** A node's name as a chip in its colour. */
function chip(url, names, colours) {
  const tag = el('span', { className: 'node-chip', title: url, text: names.get(url) || url });
  tag.style.backgroundColor = colours.get(url) || '#555';
  return tag;
}

/** One sentence with a node's chip where {node} is, and the peer it came from named where {from} is. */
function sentence(key, params, url, names, colours) {
  return tParts(key, { ...params, node: chip(url, names, colours), from: params.from ? names.get(params.from) || params.from : '' });
}

function how(word) {
  return has(`network.how.${word}`) ? t(`network.how.${word}`) : word;
}

/** The chosen block's journey, each step sliding in once: when each node took it, and who dropped it. */
function drawJourney(view, block) {
  const box = $('network-journey');
  if (!block) {
    box.replaceChildren();
    return;
  }
  const names = new Map(view.nodes.map((n) => [n.url, label(n)]));
  const colours = new Map(view.nodes.map((n) => [n.url, n.colour]));
  const self = view.nodes[0].url;
  const steps = [];
  const start = block.got.length ? Date.parse(block.got[0].at) : 0;
  block.got.forEach((step, i) => {
    const params = { time: clock(new Date(step.at)), delay: delay(Date.parse(step.at) - start), from: step.from, how: how(step.how) };
    const key = i === 0 ? (step.how === 'mined' ? 'network.step.mined' : 'network.step.first')
      : has(`network.step.${step.how}`) && step.from ? `network.step.${step.how}` : 'network.step.other';
    steps.push({ id: `${block.hash}/got/${step.node}`, parts: sentence(key, params, step.node, names, colours) });
  });
  for (const drop of block.dropped) {
    const params = { time: clock(new Date(drop.at)), transactions: t('count.transactions', { n: drop.returned }) };
    steps.push({ id: `${block.hash}/dropped/${drop.node}`, dropped: true,
      parts: sentence(drop.returned ? 'network.dropped' : 'network.droppedNone', params, drop.node, names, colours) });
  }
  let fresh = 0;
  const items = steps.map((step) => {
    const item = el('li', { className: step.dropped ? 'journey-dropped' : '' }, ...step.parts);
    if (!toldSteps.has(step.id)) {
      toldSteps.add(step.id);
      item.classList.add('travel'); // news: it slides in, one after another
      item.style.animationDelay = `${fresh * 250}ms`;
      fresh += 1;
    }
    return item;
  });
  const onOurs = block.main_of.includes(self);
  let inside = '';
  if (onOurs) {
    inside = el('button', { type: 'button', className: 'small', text: t('network.inside') });
    inside.addEventListener('click', () => document.dispatchEvent(new CustomEvent('inspect-block', { detail: { index: block.height } })));
  }
  const holders = block.main_of.map((url) => names.get(url) || url).join(', ');
  box.replaceChildren(
    el('h3', {}, ...tParts('network.journey', { height: block.height, hash: hashText(block.hash) })),
    el('p', { className: 'hint' }, ...tParts('chain.parent', { hash: hashText(block.parent) }),
      holders ? ` · ${t('network.holders', { nodes: holders })}` : ''),
    onOurs ? '' : el('p', { className: 'hint', text: t('network.notHere') }),
    items.length ? el('ol', { className: 'journey' }, ...items) : el('p', { className: 'hint', text: t('network.noJourney') }),
    inside,
    el('p', { className: 'hint', text: t('network.journeyHint') }));
}

/** The block whose journey is shown: the one clicked while it is in view, else this node's newest. */
function shownBlock(view) {
  const picked = chosen && view.blocks.find((b) => b.hash === chosen);
  if (picked) return picked;
  const self = view.nodes[0];
  return view.blocks.find((b) => b.hash === self.tip) || view.blocks[view.blocks.length - 1];
}

/** Draws a /network answer; the time it took is kept for tests and benchmarks (data-drawn-in, ms). */
export function renderNetwork(view) {
  last = view;
  if (knowPeerNames(view.nodes.slice(1).map((node) => [node.url, node.name]))) {
    document.dispatchEvent(new CustomEvent('peer-names')); // the other views name peers anew
  }
  const started = performance.now();
  $('network-nodes').replaceChildren(...view.nodes.map((node, i) => badge(node, i === 0)));
  const shown = shownBlock(view);
  drawTree(view, shown && shown.hash);
  drawJourney(view, shown);
  $('network-at').textContent = t('network.at', { time: clock(new Date(view.at)) });
  $('network-card').dataset.drawnIn = (performance.now() - started).toFixed(1);
}

export function redrawNetwork() {
  if (last) renderNetwork(last);
}

let pending = null;

/** Fetches and draws the picture, at most once a second however many events ask for it. */
export function refreshNetwork() {
  if (pending) return;
  pending = setTimeout(async () => {
    try {
      const response = await fetch('network', { cache: 'no-store' });
      if (response.ok) renderNetwork(await response.json());
    } catch (e) {
      // the status line says when the node does not answer
    } finally {
      pending = null;
    }
  }, last ? 1000 : 0); // the first picture at once
}
