// The chain as a row of linked block cards, oldest on the left: each names its parent's hash
// (the arrow), its proof, its transactions, a time that keeps counting, and where it came from
// (mined here, pushed by a peer, synced from one), learnt from the node's events. A block that
// arrives while the page is open slides in.
import { $, el, ago, hashText, peerLink } from './dom.js';
import { t, tParts, dateTime } from './i18n.js';
import { jsonText } from './api.js';
import { blockLink } from './feed.js';

const SHOWN = 20;
const origins = new Map(); // block hash → { code: 'mined' | 'pushed' | 'synced', from }
const syncs = []; // { first, last, tip, from }: a sync names only its newest block
let shownHashes = null; // null until the first drawing: blocks there at page load do not slide in
let lastRecent = null;

/** Learns where blocks came from, from block events (the node's kept history and live ones). */
export function noteOrigins(events) {
  for (const event of events) {
    const p = event.params || {};
    if (event.type !== 'block' || !p.hash) continue;
    if (event.code === 'mined' || event.code === 'pushed') {
      origins.set(p.hash, { code: event.code, from: p.from });
    } else if (event.code === 'synced' && !syncs.some((s) => s.tip === p.hash)) {
      syncs.push({ first: Number(p.index) - Number(p.blocks) + 1, last: Number(p.index), tip: p.hash, from: p.from });
      if (syncs.length > 50) syncs.shift();
    }
  }
}

function originOf(hash, index, chainHashAt) {
  const known = origins.get(hash);
  if (known) return known;
  // a block within a sync's range, on the chain whose newest block that sync took
  const sync = syncs.find((s) => index >= s.first && index <= s.last && chainHashAt(s.last) === s.tip);
  return sync ? { code: 'synced', from: sync.from } : null;
}

function originText(origin) {
  if (!origin) return [];
  if (origin.code === 'mined') return [t('chain.minedHere')];
  const from = !origin.from || origin.from === 'a peer' ? t('event.aPeer') : peerLink(origin.from);
  return tParts(origin.code === 'pushed' ? 'chain.pushedFrom' : 'chain.syncedFrom', { peer: from });
}

function transactionsTable(transactions) {
  return el('table', {},
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t('actions.sender') }),
      el('th', { scope: 'col', text: t('actions.recipient') }), el('th', { scope: 'col', text: t('actions.amount') }))),
    el('tbody', {}, ...transactions.map((tx) => el('tr', {},
      el('td', { className: 'hash', text: jsonText(tx.sender) }), el('td', { className: 'hash', text: jsonText(tx.recipient) }),
      el('td', { text: jsonText(tx.amount) })))));
}

function card({ hash, block }, parent, origin, arrived) {
  const txs = Array.isArray(block.transactions) ? block.transactions : [];
  const linked = !parent || parent.hash === block.previous_hash;
  const link = block.index === 1
    ? el('p', { className: 'link', text: t('chain.genesis') })
    : el('p', { className: 'link' + (linked ? '' : ' broken') }, '← ', tParts('chain.parent', { hash: hashText(jsonText(block.previous_hash)) }));
  const time = typeof block.timestamp === 'number'
    ? el('span', { title: dateTime(new Date(block.timestamp * 1000)) }, ago(block.timestamp))
    : el('span', { text: jsonText(block.timestamp) });
  const inspect = el('button', { type: 'button', className: 'small', text: t('chain.inspect') });
  inspect.addEventListener('click', () => blockLink(block.index).click());
  return el('li', { className: 'block-card' + (arrived ? ' arrived' : '') + (origin ? ` origin-${origin.code}` : ''),
    'data-index': String(block.index), 'data-hash': hash },
  el('p', { className: 'card-top' }, el('strong', { className: 'index', text: `#${block.index}` }), ' ', time),
  el('p', {}, hashText(hash)),
  link,
  el('p', { text: t('chain.proof', { proof: jsonText(block.proof) }) }),
  el('details', {}, el('summary', { text: t('count.transactions', { n: txs.length }) }), transactionsTable(txs)),
  el('p', { className: 'origin' }, ...originText(origin)),
  inspect);
}

/** Draws the newest blocks of /blocks/recent (newest first there, oldest first here). */
export function renderChain(recent) {
  lastRecent = recent;
  const blocks = recent.blocks.slice(0, SHOWN).reverse();
  const hashAt = new Map(recent.blocks.map((b) => [Number(b.block.index), b.hash]));
  const open = new Set([...document.querySelectorAll('#blocks details[open]')].map((d) => d.closest('li').dataset.hash));
  const row = $('blocks');
  const arriving = new Set([...row.querySelectorAll('.block-card.arrived')].map((li) => li.dataset.hash)); // a redraw keeps them so
  const atEnd = row.scrollLeft + row.clientWidth >= row.scrollWidth - 8;
  const cards = blocks.map((b, i) => card(b, blocks[i - 1], originOf(b.hash, Number(b.block.index), (x) => hashAt.get(x)),
    arriving.has(b.hash) || (shownHashes !== null && !shownHashes.has(b.hash))));
  row.replaceChildren(...cards);
  for (const li of row.children) {
    if (open.has(li.dataset.hash)) li.querySelector('details').open = true;
  }
  if (atEnd || shownHashes === null) row.scrollLeft = row.scrollWidth; // follow the newest, unless the reader scrolled back
  shownHashes = new Set(blocks.map((b) => b.hash));
}

export function redrawChain() {
  if (lastRecent) renderChain(lastRecent);
}

let miningClear = null;

/** The miner's progress as it goes: started, proofs tried and rate, found. */
export function showMining(event) {
  const p = event.params || {};
  const line = $('mining');
  clearTimeout(miningClear);
  if (event.code === 'started') line.textContent = t('mining.started', p);
  else if (event.code === 'progress') line.textContent = t('mining.progress', p);
  else if (event.code === 'found') {
    line.textContent = t('mining.found', p);
    miningClear = setTimeout(() => { line.textContent = ''; }, 10000);
  }
}
