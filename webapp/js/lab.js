// The tamper lab: a copy of the node's chain in this page. Change a transaction and its block's
// hash changes; as a forger would, the lab writes each new hash into the next block's
// previous_hash, which breaks that block's proof (it covers its parent's hash), changes its
// hash, and so on: every later block turns red. Re-mining searches each broken proof again in a
// Web Worker until the chain is green; "ask the node" sends the edited chain to
// POST /chain/validate for the node's own verdict. The node's chain is never touched.
import { parseExact, pythonJsonDumps, sha256Hex, PyNumber } from './canonical.js';
import { $, el, short, showResult } from './dom.js';
import { t, onLanguageChange } from './i18n.js';
import { api, messageOf } from './api.js';
import { lastStatus } from './status.js';
import { markedZeros } from './inspector.js';

const MAX_BLOCKS = 2000; // the lab copies a class's chain, not a long-running node's
const SHOWN = 8; // the last blocks shown, and editable
const REMINE_CAP = 8; // blocks re-mined per press, said on screen

let chain = []; // the copy: blocks as Maps, numbers as written
let hashes = []; // hashes[i]: SHA-256 of chain[i] as it is now
let proofHashes = []; // proofHashes[i]: sha256(f"{last_proof}{proof}{last_hash}") for chain[i]
let proofOk = []; // proofOk[i]: chain[i]'s proof is valid after chain[i - 1]
const edited = new Set(); // positions changed by hand
let cards = new Map(); // position → { li, hash, previous, proof, state }
let zeros = 4;
let worker = null;

const proofText = (block) => pythonJsonDumps(block.get('proof'));

let computing = Promise.resolve();

/** Recomputes hashes and proofs from position `from` on, one recomputation at a time (keys typed fast). */
function recompute(from) {
  computing = computing.then(() => recomputeNow(from));
  return computing;
}

/** Recomputes hashes and proofs from position `from` on, carrying each new hash into the next block. */
async function recomputeNow(from) {
  for (let i = from; i < chain.length; i++) {
    if (i > from) chain[i].set('previous_hash', hashes[i - 1]); // what a forger does, and what breaks the proof
    hashes[i] = await sha256Hex(pythonJsonDumps(chain[i]));
    proofHashes[i] = i === 0 ? null : await sha256Hex(`${proofText(chain[i - 1])}${proofText(chain[i])}${hashes[i - 1]}`);
    proofOk[i] = i === 0 || proofHashes[i].startsWith('0'.repeat(zeros));
  }
  redraw();
}

function redraw() {
  for (const [i, card] of cards) {
    card.hash.textContent = short(hashes[i]);
    card.hash.title = hashes[i];
    const previous = chain[i].get('previous_hash');
    card.previous.textContent = short(typeof previous === 'string' ? previous : pythonJsonDumps(previous));
    card.proof.textContent = proofText(chain[i]);
    card.proofHash.replaceChildren(...(proofHashes[i] ? ['sha256 = ', markedZeros(short(proofHashes[i]), zeros)] : []));
    card.state.textContent = [edited.has(i) ? t('lab.edited') : '', t(proofOk[i] ? 'lab.valid' : 'lab.broken')]
      .filter(Boolean).join(' · ');
    card.li.classList.toggle('broken', !proofOk[i]);
    card.li.classList.toggle('valid', proofOk[i]);
    card.li.classList.toggle('edited', edited.has(i));
  }
  const anyBroken = proofOk.some((ok) => !ok);
  $('lab-remine').disabled = !anyBroken || worker !== null;
}

/** A field the student can change: strings stay strings; a number typed stays as typed (5.0 stays 5.0). */
function field(transaction, key, position) {
  const value = transaction.get(key);
  const editable = typeof value === 'string' || value instanceof PyNumber;
  const input = el('input', { className: 'lab-field', 'aria-label': t(`actions.${key}`), 'data-field': key,
    spellcheck: 'false', autocomplete: 'off' });
  input.value = value instanceof PyNumber ? value.literal : typeof value === 'string' ? value : pythonJsonDumps(value ?? null);
  input.disabled = !editable;
  input.addEventListener('input', () => {
    const text = input.value;
    let next = text;
    if (value instanceof PyNumber) {
      try {
        const parsed = parseExact(text.trim());
        next = parsed instanceof PyNumber ? parsed : text; // what is not a number becomes a string, as a forger might write it
      } catch (e) {
        next = text;
      }
    }
    transaction.set(key, next);
    edited.add(position);
    recompute(position);
  });
  return el('label', { className: 'lab-label' }, el('span', { text: t(`actions.${key}`) }), input);
}

function buildCards() {
  const first = Math.max(0, chain.length - SHOWN);
  cards = new Map();
  const items = [];
  for (let i = first; i < chain.length; i++) {
    const block = chain[i];
    const parts = { hash: el('span', { className: 'hash' }), previous: el('span', { className: 'hash' }),
      proof: el('span', {}), proofHash: el('p', { className: 'proof-hash' }), state: el('p', { className: 'lab-state' }) };
    const transactions = Array.isArray(block.get('transactions')) ? block.get('transactions') : [];
    const rows = transactions.filter((tx) => tx instanceof Map).map((tx) => el('fieldset', { className: 'lab-tx' },
      ...['sender', 'recipient', 'amount'].filter((k) => tx.has(k)).map((k) => field(tx, k, i))));
    parts.li = el('li', { className: 'block-card lab-card', 'data-index': String(block.get('index')) },
      el('p', { className: 'card-top' }, el('strong', { className: 'index', text: `#${block.get('index')}` })),
      el('p', {}, parts.hash),
      el('p', { className: 'link' }, '← ', parts.previous),
      el('p', {}, `${t('lab.proofField')} `, parts.proof),
      parts.proofHash,
      parts.state,
      ...rows);
    cards.set(i, parts);
    items.push(parts.li);
  }
  $('lab-blocks').replaceChildren(...items);
}

async function copyChain() {
  stopMining();
  const status = lastStatus();
  if (status && status.length > MAX_BLOCKS) {
    $('lab-note').textContent = t('lab.tooLong', { length: status.length, max: MAX_BLOCKS });
    return;
  }
  const response = await fetch('chain', { cache: 'no-store' });
  if (!response.ok) {
    showResult('lab-progress', `HTTP ${response.status}`, false);
    return;
  }
  chain = parseExact(await response.text()).get('chain');
  zeros = status ? status.difficulty : 4;
  edited.clear();
  hashes = [];
  proofHashes = [];
  proofOk = [];
  buildCards();
  await recompute(0);
  $('lab-ask').disabled = false;
  $('lab-verdict').textContent = '';
  $('lab-progress').textContent = '';
  noteLab();
}

function noteLab() {
  if (!chain.length) return;
  const signed = lastStatus() && lastStatus().settings && lastStatus().settings.ledger === 'signed';
  $('lab-note').textContent = t('lab.loaded', { length: chain.length, shown: Math.min(SHOWN, chain.length), cap: REMINE_CAP })
    + (signed ? ' ' + t('lab.signed') : '');
}

/** Finds a proof for chain[position] after its parent, in the worker. */
function mineOne(position, onProgress) {
  return new Promise((resolve, reject) => {
    worker = new Worker(new URL('./remine-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }) => {
      if (data.found === undefined) {
        onProgress(data.attempts);
        return;
      }
      worker.terminate();
      worker = null;
      resolve(data);
    };
    worker.onerror = (e) => {
      stopMining();
      reject(new Error(e.message || 'the re-mining worker failed'));
    };
    worker.stopped = () => reject(new Error('stopped'));
    worker.postMessage({ lastProof: proofText(chain[position - 1]), lastHash: hashes[position - 1], zeros });
  });
}

function stopMining() {
  if (!worker) return;
  worker.terminate();
  const stopped = worker.stopped;
  worker = null;
  stopped();
}

async function remine() {
  $('lab-stop').disabled = false;
  $('lab-remine').disabled = true;
  let blocks = 0, attempts = 0;
  try {
    for (let position = proofOk.indexOf(false); position > 0 && blocks < REMINE_CAP; position = proofOk.indexOf(false)) {
      const card = cards.get(position);
      if (card) card.li.classList.add('mining');
      const index = chain[position].get('index');
      const found = await mineOne(position, (tried) => {
        $('lab-progress').textContent = t('lab.remining', { block: index, attempts: tried.toLocaleString() });
      });
      if (card) card.li.classList.remove('mining');
      chain[position].set('proof', new PyNumber(found.found));
      attempts += found.attempts;
      blocks++;
      await recompute(position);
    }
    const done = !proofOk.includes(false);
    showResult('lab-progress', t(done ? 'lab.done' : 'lab.capped', { blocks: t('count.blocks', { n: blocks }),
      attempts: attempts.toLocaleString(), cap: REMINE_CAP }), true);
  } catch (e) {
    for (const card of cards.values()) card.li.classList.remove('mining');
    showResult('lab-progress', e.message === 'stopped' ? t('lab.stopped') : e.message, false);
  } finally {
    $('lab-stop').disabled = true;
    redraw();
  }
}

let lastVerdict = null;

function showVerdict(answer) {
  lastVerdict = answer;
  if (!answer.ok) {
    showResult('lab-verdict', messageOf(answer), false);
    return;
  }
  const v = answer.body;
  if (v.valid) {
    showResult('lab-verdict', t('lab.verdictValid', { length: v.length }), true);
    return;
  }
  showResult('lab-verdict', [t('lab.verdictInvalid', { rule: t('rule.atBlock', { block: v.index, rule: t(`rule.${v.rule}`) }) }),
    el('br'), el('span', { className: 'node-words', text: t('lab.nodeWords', { message: v.message }) })], false);
}

async function ask() {
  showResult('lab-verdict', t('lab.asking'), true);
  const body = `{"chain": [${chain.map(pythonJsonDumps).join(', ')}]}`;
  showVerdict(await api('chain/validate', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }));
}

export function wireLab() {
  $('lab-copy').addEventListener('click', () => copyChain().catch((e) => showResult('lab-progress', e.message, false)));
  $('lab-remine').addEventListener('click', remine);
  $('lab-stop').addEventListener('click', stopMining);
  $('lab-ask').addEventListener('click', () => ask().catch((e) => showResult('lab-verdict', e.message, false)));
  window.addEventListener('pagehide', stopMining);
  onLanguageChange(() => {
    if (!chain.length) return;
    buildCards();
    redraw();
    noteLab();
    if (lastVerdict) showVerdict(lastVerdict);
  });
}
