// "What happened": the node's recent history, each event in one sentence in the reader's
// language, said from its code and parameters, naming blocks (a link into the inspector) and
// peers (a link to their page). The node's English sentence is the fallback and the hover text.
import { $, el, hashText, peerLink } from './dom.js';
import { t, tParts, language, clock } from './i18n.js';
import { planText, controlsText } from './status.js';

/** A link that opens block `index` in the inspector. */
export function blockLink(index) {
  const link = el('a', { className: 'block-link', href: '#inspector', text: `#${index}` });
  link.addEventListener('click', () => {
    document.dispatchEvent(new CustomEvent('inspect-block', { detail: { index: Number(index) } }));
  });
  return link;
}

function peer(url) {
  return !url || url === 'a peer' ? t('event.aPeer') : peerLink(url);
}

/**
 * Why the node refused something: in English, the node's own sentence; in another language, the
 * rule and block said from their codes, with the node's sentence on hover.
 */
export function reason(params) {
  if (language === 'en' || !params.rule) return el('span', { className: 'reason', text: String(params.reason ?? '') });
  const block = params.block ?? params.index;
  const rule = t(`rule.${params.rule}`);
  return el('span', { className: 'reason', title: String(params.reason ?? ''),
    text: block !== undefined && block >= 0 ? t('rule.atBlock', { block, rule }) : rule });
}

/** One event as a list of strings and nodes, ready to append. */
export function describe(event) {
  const p = event.params || {};
  const n = (key, count) => t(key, { n: Number(count) });
  switch (`${event.type}.${event.code}`) {
    case 'block.mined':
      return tParts('event.block.mined', { block: blockLink(p.index), hash: hashText(p.hash),
        transactions: n('count.transactions', p.transactions) });
    case 'block.pushed':
      return tParts('event.block.pushed', { block: blockLink(p.index), hash: hashText(p.hash), peer: peer(p.from),
        transactions: n('count.transactions', p.transactions) });
    case 'block.synced':
      return tParts('event.block.synced', { blocks: n('count.blocks', p.blocks), peer: peer(p.from), length: p.index,
        block: blockLink(p.index), hash: hashText(p.hash) });
    case 'block.withheld':
      return tParts('event.block.withheld', { block: String(p.index), blocks: n('count.blocks', p.withheld) });
    case 'block.released':
      return tParts('event.block.released', { blocks: n('count.blocks', p.length), previous: p.previous_length });
    case 'block.refused':
      return tParts('event.block.refused', { block: String(p.index), reason: reason(p) });
    case 'reorg.adopted': {
      const dropped = Number(p.dropped) === 1
        ? el('span', {}, tParts('event.reorg.droppedOne', { block: String(p.previous_length), hash: hashText(p.old_tip) }))
        : el('span', {}, tParts('event.reorg.droppedMany', { n: p.dropped, block: String(Number(p.fork_point) + 1) }));
      return tParts('event.reorg.adopted', { peer: peer(p.from), length: p.length, previous: p.previous_length, dropped,
        returned: n('count.transactions', p.returned) });
    }
    case 'transaction.accepted':
      return tParts('event.transaction.accepted', { transaction: el('code', { text: String(p.transaction) }), block: String(p.index) });
    case 'transaction.relayed':
      return tParts('event.transaction.relayed', { transaction: el('code', { text: String(p.transaction) }), peer: peer(p.from) });
    case 'transaction.refused':
      return tParts('event.transaction.refused', { transaction: el('code', { text: String(p.transaction) }), reason: reason(p) });
    case 'peer.registered':
      return tParts(p.result === 'added' || !p.result ? 'event.peer.registered' : 'event.peer.registeredSilent', { peer: peer(p.peer) });
    case 'peer.reachable':
    case 'peer.unreachable':
    case 'peer.refused':
      return tParts(`event.peer.${event.code}`, { peer: peer(p.peer), reason: reason(p) });
    case 'network.paused':
    case 'network.controls': {
      const ignored = p.ignored ? String(p.ignored).split(',') : [];
      return tParts('event.network.changed', { state: el('span', {}, ...controlsText({ paused: p.paused, ignored, links: {} })) });
    }
    case 'mining.plan':
      return tParts('event.mining.plan', { plan: planText({ mode: p.mode, duty: p.duty, threads: p.threads, queued: 0,
        interval_ms: p.min_interval_ms === p.max_interval_ms ? p.min_interval_ms : [p.min_interval_ms, p.max_interval_ms] }) });
    default:
      return [String(event.text)]; // an event this page does not know yet: the node's own sentence
  }
}

let shown = [];

/** The node's recent events, newest first (from /status: kept by the node, not only what arrived while the page was open). */
export function renderFeed(events) {
  shown = events;
  const items = events.map((event) => el('li', { className: `event-${event.type}`, title: String(event.text) },
    el('time', { datetime: event.at, text: clock(new Date(event.at)) }), ' ', ...describe(event)));
  $('feed').replaceChildren(...items);
  $('feed-empty').hidden = items.length > 0;
}

export function redrawFeed() {
  renderFeed(shown);
}
