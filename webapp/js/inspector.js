// Inside a block: the exact bytes the node hashed, their SHA-256, and the proof of work as the
// tutorial writes it, with the block's real values, computed here in the browser from what the
// node serves (its hash is checked against the node's).
import { parseExact, pythonJsonDumps, sha256Hex } from './canonical.js';

const $ = (id) => document.getElementById(id);

/** The blocks from index `from` on, read exactly (numbers as written), as Maps. */
async function blocksFrom(from) {
  const response = await fetch(`chain?from=${from}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`the node answered HTTP ${response.status}`);
  return parseExact(await response.text()).get('chain');
}

async function difficulty() {
  const response = await fetch('status', { cache: 'no-store' });
  return response.ok ? (await response.json()).difficulty : 4;
}

/** The leading zeros of a proof's hash, marked. */
function markZeros(target, hash, zeros) {
  const mark = document.createElement('span');
  mark.className = 'zeros';
  mark.textContent = hash.slice(0, zeros);
  target.replaceChildren(mark, hash.slice(zeros));
}

async function inspect(index) {
  $('inspect-error').hidden = true;
  const blocks = await blocksFrom(Math.max(1, index - 1));
  const block = blocks.find((b) => Number(b.get('index').literal) === index);
  if (!block) throw new Error(`this node has no block ${index}`);
  const bytes = pythonJsonDumps(block);
  const hash = await sha256Hex(bytes);
  $('inspect-bytes').textContent = bytes;
  $('inspect-hash').textContent = hash;
  const next = blocks.find((b) => Number(b.get('index').literal) === index + 1);
  $('inspect-hash-check').textContent = next
    ? (next.get('previous_hash') === hash ? `= block ${index + 1}'s previous_hash` : `≠ block ${index + 1}'s previous_hash`)
    : '';
  const proof = block.get('proof').literal;
  if (index === 1) {
    $('inspect-proof').textContent = `The first block is made, not mined: its proof is ${proof} and its previous_hash "1".`;
    $('inspect-proof-note').textContent = '';
  } else {
    const parent = blocks.find((b) => Number(b.get('index').literal) === index - 1);
    const lastProof = parent.get('proof').literal;
    const lastHash = await sha256Hex(pythonJsonDumps(parent));
    const guess = `${lastProof}${proof}${lastHash}`;
    const proofHash = await sha256Hex(guess);
    const zeros = await difficulty();
    const code = document.createElement('code');
    markZeros(code, proofHash, zeros);
    const valid = proofHash.startsWith('0'.repeat(zeros));
    $('inspect-proof').replaceChildren(
      `sha256("${lastProof}" + "${proof}" + "${lastHash.slice(0, 12)}…") = `, code,
      valid ? `: it starts with ${zeros} zeros, so ${proof} is a valid proof after block ${index - 1}.`
        : `: it does not start with ${zeros} zeros.`);
    $('inspect-proof-note').textContent = `The proof ties this block to block ${index - 1} (its proof and hash); it does not`
      + ' cover this block\'s own transactions, as in the tutorial: changing them changes this block\'s hash, which breaks'
      + ` block ${index + 1}'s previous_hash and proof instead.`;
  }
  $('inspect-result').hidden = false;
}

$('inspect-form').dataset.ready = 'true'; // for tests: the form is this module's from now on
$('inspect-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const index = Number($('inspect-index').value);
  inspect(index).catch((e) => {
    $('inspect-result').hidden = true;
    $('inspect-error').textContent = e.message;
    $('inspect-error').hidden = false;
  });
});
