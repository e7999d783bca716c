// Small helpers every view uses. Every string from users or peers reaches the page through
// textContent or text nodes, never as HTML: el() has no way to set innerHTML.
import { t } from './i18n.js';

export const $ = (id) => document.getElementById(id);

/** Makes an element: props sets className, text and attributes; children are nodes or strings. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'className') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** The first 12 and last 4 characters of a long hash; the whole one is in the title (hover) and copied. */
export function short(hash) {
  const text = String(hash);
  return text.length > 16 ? text.slice(0, 12) + '…' + text.slice(-4) : text;
}

/** A short hash as an element whose hover and copy give the whole hash. */
export function hashText(hash) {
  const span = el('span', { className: 'hash', title: String(hash), text: short(hash) });
  span.addEventListener('copy', (event) => {
    event.clipboardData.setData('text/plain', String(hash));
    event.preventDefault();
  });
  return span;
}

const peerNames = new Map(); // peer URL → the name it gives itself (learnt from /network)

/** Names peers by what they call themselves from now on ("from node-2" rather than its address); true when a name is new. */
export function knowPeerNames(names) {
  let learnt = false;
  for (const [url, name] of names) {
    if (name && peerNames.get(url) !== name) {
      peerNames.set(url, name);
      learnt = true;
    }
  }
  return learnt;
}

/** A peer's URL as a link to its page, named as it names itself when known (only http and https: a peer's words are data). */
export function peerLink(url, byName = true) {
  const text = String(url);
  let shown = text;
  try {
    const parsed = new URL(text);
    const address = parsed.host + (parsed.pathname === '/' ? '' : parsed.pathname);
    shown = (byName && peerNames.get(text)) || address;
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
      return el('a', { className: 'peer', href: parsed.href, title: text, target: '_blank', rel: 'noopener noreferrer', text: shown });
    }
  } catch (e) {
    // not a URL ("a peer"): shown as text
  }
  return el('span', { className: 'peer', text: shown });
}

export function duration(seconds) {
  seconds = Math.max(0, Math.floor(seconds));
  const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600);
  const m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
  if (d > 0) return `${d} ${t('unit.d')} ${h} ${t('unit.h')}`;
  if (h > 0) return `${h} ${t('unit.h')} ${String(m).padStart(2, '0')} ${t('unit.min')}`;
  if (m > 0) return `${m} ${t('unit.min')} ${String(s).padStart(2, '0')} ${t('unit.s')}`;
  return `${s} ${t('unit.s')}`;
}

/** "3 min 05 s ago", kept counting by renderAges. */
export function ago(timestamp) {
  const span = el('span', { className: 'age', 'data-timestamp': String(timestamp) });
  span.textContent = t('time.ago', { duration: duration(Date.now() / 1000 - timestamp) });
  return span;
}

/** Every "… ago" on the page, brought up to now: nothing stale is shown as current. */
export function renderAges() {
  for (const age of document.querySelectorAll('.age[data-timestamp]')) {
    age.textContent = t('time.ago', { duration: duration(Date.now() / 1000 - Number(age.dataset.timestamp)) });
  }
}

const FADE_MS = 20000;

/** An action's result under it, green or red; it fades after a while, so an old result is not taken for a new one. */
export function showResult(id, content, ok) {
  const p = $(id);
  p.replaceChildren(...[content].flat());
  p.className = 'result ' + (ok ? 'ok' : 'bad');
  clearTimeout(p.fadeTimer);
  p.fadeTimer = setTimeout(() => p.classList.add('faded'), FADE_MS);
}
