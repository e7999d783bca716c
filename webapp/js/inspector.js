// Inside a block: the exact bytes the node hashed, their SHA-256, and the proof of work as the
// tutorial writes it, with the block's real values, computed here in the browser from what the
// node serves (its hash is checked against the node's).
import { parseExact, pythonJsonDumps, sha256Hex } from './canonical.js';
import { $, el } from './dom.js';
import { t, tParts, onLanguageChange } from './i18n.js';
import { lastStatus } from './status.js';

/** The blocks from index `from` on, read exactly (numbers as written), as Maps. */
async function blocksFrom(from) {
  const response = await fetch(`chain?from=${from}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(t('inspector.http', { status: response.status }));
  return parseExact(await response.text()).get('chain');
}

/** The leading zeros of a proof's hash (up to the difficulty's), marked: they belong to the proof's hash, not the block's. */
export function markedZeros(hash, zeros) {
  const marked = Math.min(zeros, /^0*/.exec(hash)[0].length);
  return el('code', {}, el('span', { className: 'zeros', text: hash.slice(0, marked) }), hash.slice(marked));
}

let shownIndex = null;

async function inspect(index) {
  $('inspect-error').hidden = true;
  const blocks = await blocksFrom(Math.max(1, index - 1));
  const at = (i) => blocks.find((b) => Number(b.get('index').literal) === i);
  const block = at(index);
  if (!block) throw new Error(t('inspector.noBlock', { index }));
  shownIndex = index;
  $('inspect-index').value = String(index);
  const bytes = pythonJsonDumps(block);
  const hash = await sha256Hex(bytes);
  $('inspect-bytes').textContent = bytes;
  $('inspect-hash').textContent = hash;
  const next = at(index + 1);
  $('inspect-hash-check').textContent = next
    ? t(next.get('previous_hash') === hash ? 'inspector.linked' : 'inspector.notLinked', { next: index + 1 }) : '';
  const proof = block.get('proof').literal;
  if (index === 1) {
    $('inspect-proof').textContent = t('inspector.genesis', { proof });
    $('inspect-proof-note').textContent = '';
  } else {
    const parent = at(index - 1);
    const lastProof = parent.get('proof').literal;
    const lastHash = await sha256Hex(pythonJsonDumps(parent));
    const proofHash = await sha256Hex(`${lastProof}${proof}${lastHash}`);
    const zeros = lastStatus() ? lastStatus().difficulty : 4;
    const valid = proofHash.startsWith('0'.repeat(zeros));
    $('inspect-proof').replaceChildren(`sha256("${lastProof}" + "${proof}" + "${lastHash.slice(0, 12)}…") = `,
      markedZeros(proofHash, zeros), ...tParts(valid ? 'inspector.valid' : 'inspector.invalid', { zeros, proof, parent: index - 1 }));
    $('inspect-proof-note').textContent = t('inspector.note', { parent: index - 1, next: index + 1 });
  }
  $('inspect-result').hidden = false;
}

function show(index) {
  inspect(index).catch((e) => {
    $('inspect-result').hidden = true;
    $('inspect-error').textContent = e.message;
    $('inspect-error').hidden = false;
  });
}

export function wireInspector() {
  $('inspect-form').addEventListener('submit', (event) => {
    event.preventDefault();
    show(Number($('inspect-index').value));
  });
  // a block named anywhere on the page (a card, the feed) opens here
  document.addEventListener('inspect-block', (event) => {
    show(event.detail.index);
    $('inspector').scrollIntoView({ behavior: 'smooth', block: 'start' });
  });
  onLanguageChange(() => { if (shownIndex !== null && !$('inspect-result').hidden) show(shownIndex); });
  $('inspect-form').dataset.ready = 'true'; // for tests: the form is this module's from now on
}
