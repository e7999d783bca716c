// What a student does in the tutorial, as buttons: a transaction, mining, registering a peer,
// resolving. The node's refusals are shown in its own words, next to the field they name.
import { $, el, short, peerLink, showResult } from './dom.js';
import { t, has } from './i18n.js';
import { api, postJson, jsonText, messageOf } from './api.js';

/** Puts the server's message next to the field it names (sender, recipient, amount), else under the form. */
function showFieldError(fields, message, fallbackId) {
  const named = message && fields.find((f) => new RegExp(`\\b${f}\\b`).test(message));
  for (const f of fields) {
    $('tx-' + f).removeAttribute('aria-invalid');
    $('tx-' + f + '-error').textContent = '';
  }
  if (named) {
    $('tx-' + named).setAttribute('aria-invalid', 'true');
    $('tx-' + named + '-error').textContent = message;
    $(fallbackId).textContent = '';
  } else if (message) {
    showResult(fallbackId, message, false);
  }
}

/** The amount as typed, as a JSON number when it is one (so 5.0 stays 5.0), else as a string the server will refuse. */
function amountJson(text) {
  const trimmed = text.trim();
  return /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(trimmed) ? trimmed : JSON.stringify(trimmed);
}

/** The node's "Transaction will be added to Block N" in the reader's language. */
export function acceptedText(message) {
  const index = /Block (\d+)$/.exec(String(message));
  return index ? t('actions.txAccepted', { index: index[1] }) : String(message);
}

export function renderPending(pending) {
  const rows = pending.transactions.map((tx) => el('tr', {},
    el('td', { className: 'hash', text: jsonText(tx.sender) }), el('td', { className: 'hash', text: jsonText(tx.recipient) }),
    el('td', { text: jsonText(tx.amount) })));
  $('pending').replaceChildren(...rows);
  $('pending-empty').hidden = rows.length > 0;
}

/** Wires the forms and buttons; `changed` asks the page to look at the node again. */
export function wireActions(changed) {
  $('tx-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = ['sender', 'recipient', 'amount'];
    const body = `{"sender": ${JSON.stringify($('tx-sender').value)}, "recipient": ${JSON.stringify($('tx-recipient').value)}, `
      + `"amount": ${amountJson($('tx-amount').value)}}`;
    const answer = await postJson('transactions/new', body);
    if (answer.status === 201) {
      showFieldError(fields, '', 'tx-result');
      showResult('tx-result', acceptedText(answer.body.message), true);
      $('tx-form').reset();
      changed();
    } else {
      showFieldError(fields, messageOf(answer), 'tx-result');
    }
  });

  $('mine').addEventListener('click', async () => {
    const button = $('mine');
    button.disabled = true;
    showResult('mine-result', t('actions.mining'), true);
    const started = performance.now();
    try {
      const answer = await api('mine', { method: 'POST' });
      const ms = Math.round(performance.now() - started);
      if (answer.ok) {
        const b = answer.body;
        showResult('mine-result', t('actions.forged', { index: b.index, ms, proof: jsonText(b.proof),
          transactions: t('count.transactions', { n: b.transactions.length }), parent: short(b.previous_hash) }), true);
      } else {
        showResult('mine-result', messageOf(answer), false);
      }
    } finally {
      button.disabled = false;
      changed();
    }
  });

  $('peer-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await postJson('nodes/register', JSON.stringify({ nodes: [$('peer-url').value] }));
    const error = $('peer-url-error');
    if (answer.status === 201) {
      error.textContent = '';
      $('peer-url').removeAttribute('aria-invalid');
      showResult('resolve-result', t('actions.registered', { nodes: answer.body.total_nodes.join(', ') }), true);
      $('peer-form').reset();
      changed();
    } else {
      $('peer-url').setAttribute('aria-invalid', 'true');
      error.textContent = messageOf(answer);
    }
  });

  $('resolve').addEventListener('click', async () => {
    const button = $('resolve');
    button.disabled = true;
    try {
      const answer = await api('nodes/resolve');
      if (!answer.ok) {
        showResult('resolve-result', messageOf(answer), false);
        return;
      }
      const message = answer.body.message;
      const list = el('ul', {}, ...(answer.body.peers || []).map((peer) => el('li', {},
        peerLink(peer.node), ': ',
        el('span', { className: 'outcome-' + peer.outcome, text: has(`outcome.${peer.outcome}`) ? t(`outcome.${peer.outcome}`) : peer.outcome }),
        peer.length !== undefined ? ` (${t('resolve.blocks', { n: peer.length })})` : '', ` — ${peer.detail}`)));
      showResult('resolve-result', [el('strong', { text: has(`resolve.${message}`) ? t(`resolve.${message}`) : message }), list], true);
    } finally {
      button.disabled = false;
      changed();
    }
  });
}
