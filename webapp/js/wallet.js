// The wallet of the signed ledger mode: an Ed25519 key made and kept in this browser, never
// sent to the node; transfers signed here over the very bytes the node checks.
import { $, showResult } from './dom.js';
import { t } from './i18n.js';
import { api, postJson, jsonText, messageOf } from './api.js';
import { acceptedText } from './actions.js';

const WALLET_KEY = 'blockchain-node.wallet';
const ADDRESS = /^[0-9a-f]{64}$/;
let signedLedger = null;
let wallet = null; // { address, privateKey }
let changed = () => {};

const hex = (bytes) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
const base64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromBase64 = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')
  .padEnd(Math.ceil(text.length / 4) * 4, '=')), (c) => c.charCodeAt(0));

async function ed25519Available() {
  if (!window.isSecureContext || !window.crypto || !crypto.subtle) return false;
  try {
    await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    return true;
  } catch (e) {
    return false;
  }
}

/** Shows the wallet when the node keeps a signed ledger, and the tutorial's form when it does not. */
export async function showLedgerMode(signed) {
  if (signed === signedLedger) return;
  signedLedger = signed;
  $('tx-form').hidden = signed; // a signed node takes transactions from wallets only
  await noteLedgerMode();
  if (signed && (await ed25519Available())) await openWallet();
}

async function noteLedgerMode() {
  if (!signedLedger) {
    $('wallet-note').textContent = t('wallet.open');
    $('wallet-none').hidden = true;
    $('wallet-open').hidden = true;
  } else {
    $('wallet-note').textContent = (await ed25519Available()) ? t('wallet.kept') : t('wallet.noCrypto');
  }
}

export function isSigned() {
  return signedLedger === true;
}

async function openWallet() {
  const stored = JSON.parse(localStorage.getItem(WALLET_KEY) || 'null');
  wallet = null;
  if (stored) {
    const privateKey = await crypto.subtle.importKey('pkcs8', fromBase64(stored.pkcs8), { name: 'Ed25519' }, true, ['sign']);
    wallet = { address: stored.address, privateKey };
  }
  $('wallet-none').hidden = wallet !== null;
  $('wallet-open').hidden = wallet === null;
  if (wallet) {
    $('wallet-address').textContent = wallet.address;
    await refreshWallet();
  }
}

/** Keeps the private key (PKCS#8) and the address its public key makes. */
async function keepWallet(privateKey) {
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', privateKey);
  const jwk = await crypto.subtle.exportKey('jwk', privateKey); // its x is the public key
  localStorage.setItem(WALLET_KEY, JSON.stringify({ pkcs8: base64(pkcs8), address: hex(fromBase64(jwk.x)) }));
  await openWallet();
}

async function balanceOf(address) {
  const answer = await api(`balances/${address}`);
  return answer.ok ? answer.body : null;
}

/** The wallet's balance, available amount and next nonce, as the node has them now. */
export async function refreshWallet() {
  if (!wallet) return null;
  const b = await balanceOf(wallet.address);
  if (b) {
    $('wallet-balance').textContent = jsonText(b.balance);
    $('wallet-available').textContent = jsonText(b.available);
    $('wallet-nonce').textContent = jsonText(b.next_nonce);
  }
  return b;
}

export function wireWallet(onChange) {
  changed = onChange;
  $('wallet-create').addEventListener('click', async () => {
    const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
    await keepWallet(pair.privateKey);
  });

  $('wallet-import').addEventListener('click', async () => {
    try {
      const key = await crypto.subtle.importKey('pkcs8', fromBase64($('wallet-import-text').value.trim()),
        { name: 'Ed25519' }, true, ['sign']);
      await keepWallet(key);
    } catch (e) {
      showResult('wallet-result', t('wallet.badKey'), false);
    }
  });

  $('wallet-send').addEventListener('submit', async (event) => {
    event.preventDefault();
    const to = $('wallet-to').value.trim();
    const amount = $('wallet-amount').value.trim();
    if (!ADDRESS.test(to)) {
      showResult('wallet-result', t('wallet.badTo'), false);
      return;
    }
    if (!/^[1-9][0-9]*$/.test(amount)) {
      showResult('wallet-result', t('wallet.badAmount'), false);
      return;
    }
    const b = await refreshWallet();
    const nonce = b ? jsonText(b.next_nonce) : '1';
    // what the node checks: json.dumps({"amount", "nonce", "recipient", "sender"}, sort_keys=True)
    const message = `{"amount": ${amount}, "nonce": ${nonce}, "recipient": "${to}", "sender": "${wallet.address}"}`;
    const signature = hex(await crypto.subtle.sign({ name: 'Ed25519' }, wallet.privateKey, new TextEncoder().encode(message)));
    const answer = await postJson('transactions/new', `{"sender": "${wallet.address}", "recipient": "${to}", `
      + `"amount": ${amount}, "nonce": ${nonce}, "signature": "${signature}"}`);
    showResult('wallet-result', answer.status === 201 ? acceptedText(answer.body.message) : messageOf(answer), answer.status === 201);
    if (answer.status === 201) $('wallet-send').reset();
    changed();
  });

  $('wallet-mine').addEventListener('click', async () => {
    const answer = await api(`mine?to=${wallet.address}`, { method: 'POST' });
    showResult('wallet-result', answer.ok ? t('wallet.minedTo', { index: answer.body.index }) : messageOf(answer), answer.ok);
    changed();
  });

  $('wallet-lookup').addEventListener('input', async () => {
    const address = $('wallet-lookup-address').value.trim();
    if (!ADDRESS.test(address)) {
      $('wallet-lookup-result').textContent = '';
      return;
    }
    const b = await balanceOf(address);
    $('wallet-lookup-result').textContent = b ? t('wallet.lookup', { balance: jsonText(b.balance),
      available: jsonText(b.available), nonce: jsonText(b.next_nonce) }) : t('wallet.unknown');
  });
  $('wallet-lookup').addEventListener('submit', (event) => event.preventDefault());

  $('wallet-export').addEventListener('click', () => {
    const area = $('wallet-export-text');
    area.value = JSON.parse(localStorage.getItem(WALLET_KEY)).pkcs8;
    area.hidden = false;
  });

  $('wallet-forget').addEventListener('click', async () => {
    if (window.confirm(t('wallet.forgetConfirm'))) {
      localStorage.removeItem(WALLET_KEY);
      $('wallet-export-text').hidden = true;
      await openWallet();
    }
  });
}

export function redrawWallet() {
  if (signedLedger !== null) noteLedgerMode();
}
