// This node at a glance: its name and colour (to tell three pages apart on a projector), its
// height, tip and peers, and whether each peer answers.
import { $, el, duration, peerLink } from './dom.js';
import { t, tParts, has, clock } from './i18n.js';

let startedAt = null;
let last = null;

export function renderStatus(status) {
  last = status;
  if (status.name) {
    $('node-name').removeAttribute('data-i18n'); // the node's name, not the page's words
    $('node-name').textContent = status.name;
    $('node-name').title = status.name;
    document.title = `${status.name} · ${t('page.title')}`;
    document.querySelector('header').style.backgroundColor = status.colour;
  }
  $('height').textContent = status.length;
  $('pending-count').textContent = status.pending;
  $('difficulty').textContent = t('node.difficultyValue', { n: status.difficulty });
  $('last-hash').textContent = status.last_hash;
  $('node-id').textContent = status.node_id;
  $('data-dir').textContent = status.data_dir;
  $('mining-plan').textContent = status.mining ? planText(status.mining) : '–';
  const controls = status.network_controls;
  $('network-controls').replaceChildren(...(controls ? controlsText(controls) : ['–']));
  $('network-controls').classList.toggle('warn', !!controls && (controls.paused || controls.ignored.length > 0
    || Object.keys(controls.links).length > 0 || controls.withhold));
  startedAt = Date.parse(status.started_at);
  renderUptime();
  const rows = (status.peers || []).map((peer) => {
    const state = peer.down ? t('peers.down') : peer.last_heard ? t('peers.up') : t('peers.unknown');
    const speaks = peer.protocol === 'tutorial' ? ` · ${t('peers.tutorial')}` : '';
    const outcome = has(`outcome.${peer.last_outcome}`) ? t(`outcome.${peer.last_outcome}`) : peer.last_outcome;
    return el('tr', { className: peer.down ? 'down' : '' },
      el('td', { className: 'hash' }, peerLink(peer.node)),
      el('td', { className: peer.down ? 'state-down' : 'state-up', text: state + speaks }),
      el('td', { text: peer.height !== undefined && peer.height !== null ? String(peer.height) : '–' }),
      el('td', { text: peer.last_heard ? clock(new Date(peer.last_heard)) : t('peers.never') }),
      el('td', { className: 'outcome-' + peer.last_outcome, title: peer.last_detail || '', text: outcome }));
  });
  $('peers').replaceChildren(...rows);
  $('peers-empty').hidden = rows.length > 0;
}

/** How the node mines by itself, in words: "every 5–15 s after each block it mines · 1 thread at 50%". */
export function planText(plan) {
  const seconds = (ms) => (ms / 1000).toLocaleString();
  const interval = Array.isArray(plan.interval_ms)
    ? `${seconds(plan.interval_ms[0])}–${seconds(plan.interval_ms[1])}` : seconds(plan.interval_ms);
  const parts = [t(`plan.${plan.mode}`, { interval })];
  if (plan.duty < 1 || (last && plan.threads < last.mining_threads)) {
    parts.push(t('plan.throttle', { threads: t('plan.threads', { n: plan.threads }), duty: Math.round(plan.duty * 100) }));
  }
  if (plan.queued > 0) parts.push(t('plan.queued', { blocks: t('count.blocks', { n: plan.queued }) }));
  return parts.join(' · ');
}

/** Whom the node talks to, in words and peer links: "ignores 127.0.0.1:5003, 127.0.0.1:5004 (a partition)". */
export function controlsText(controls) {
  if (controls.paused) return [t('net.paused')];
  const parts = [];
  if (controls.ignored.length) {
    const peers = [];
    controls.ignored.forEach((peer, i) => peers.push(...(i ? [', '] : []), peerLink(peer)));
    parts.push(...tParts('net.ignored', { peers: el('span', {}, ...peers) }));
  }
  for (const [peer, link] of Object.entries(controls.links || {})) {
    if (parts.length) parts.push(' · ');
    parts.push(...tParts('net.link', { peer: peerLink(peer), latency: link.latency_ms, drop: Math.round(link.drop * 100) }));
  }
  if (controls.withhold) {
    if (parts.length) parts.push(' · ');
    parts.push(t('net.withhold', { blocks: t('count.blocks', { n: controls.withheld_blocks || 0 }) }));
  }
  return parts.length ? parts : [t('net.open')];
}

export function renderUptime() {
  if (startedAt) $('uptime').textContent = duration((Date.now() - startedAt) / 1000);
}

export function redrawStatus() {
  if (last) renderStatus(last);
}

/** The node's last /status answer, or null before the first. */
export function lastStatus() {
  return last;
}
