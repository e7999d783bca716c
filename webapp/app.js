// The node's status page. Every string from users or peers reaches the page through
// textContent or createTextNode, never as HTML; the server's Content-Security-Policy forbids
// inline script, so this file is the only code the page runs. All URLs are relative, so the
// page works under any context path.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const POLL_MS = 1000;
  let statusEtag = null;
  let startedAt = null;
  let shownKey = null;

  /** Makes an element: props sets className, text, title and attributes; children are nodes or strings. */
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === 'className') node.className = value;
      else if (key === 'text') node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /**
   * A number shown exactly as the node sent it: JSON.parse would turn 5.0 into 5 and round big
   * integers, and this page never rewrites data. Needs the reviver's source text (modern
   * browsers); elsewhere the parsed number is shown.
   */
  class Literal {
    constructor(text) { this.text = text; }
    toString() { return this.text; }
  }
  const EXACT_KEYS = new Set(['amount', 'proof']);
  const exactNumbers = (key, value, context) =>
    (typeof value === 'number' && EXACT_KEYS.has(key) && context && context.source ? new Literal(context.source) : value);

  /**
   * Blocks adopted from Python nodes may hold NaN, Infinity or -Infinity, which Python writes but
   * JSON.parse refuses: outside strings, those words become strings, to be shown as they are.
   */
  function quoteNonFinite(text) {
    let out = '';
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        out += c;
        if (c === '\\') { out += text[++i]; } else if (c === '"') { inString = false; }
        continue;
      }
      if (c === '"') { inString = true; out += c; continue; }
      const word = ['-Infinity', 'Infinity', 'NaN'].find((w) => text.startsWith(w, i));
      if (word) { out += `"${word}"`; i += word.length - 1; } else { out += c; }
    }
    return out;
  }

  function parseJson(text) {
    try {
      return JSON.parse(text, exactNumbers);
    } catch (e) {
      return JSON.parse(quoteNonFinite(text), exactNumbers);
    }
  }

  // A node with an operator's token answers 401 to mining, registering and resolving without it:
  // the page asks once, keeps the token for this tab (sessionStorage) and sends it from then on.
  const TOKEN_KEY = 'blockchain-node.operator-token';

  function askForToken(reason) {
    const dialog = $('token-dialog');
    $('token-why').textContent = reason;
    $('token-input').value = '';
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => {
        const token = dialog.returnValue === 'ok' ? $('token-input').value.trim() : '';
        resolve(token || null);
      }, { once: true });
      dialog.showModal();
    });
  }

  async function api(path, options = {}) {
    for (;;) {
      const token = sessionStorage.getItem(TOKEN_KEY);
      const headers = { ...(options.headers || {}) };
      if (token) headers.Authorization = `Bearer ${token}`;
      const response = await fetch(path, { cache: 'no-store', ...options, headers });
      let body = null;
      if (response.status !== 304) {
        try { body = parseJson(await response.text()); } catch (e) { body = null; }
      }
      const challenged = response.status === 401 && /^Bearer/i.test(response.headers.get('WWW-Authenticate') || '');
      if (challenged) {
        sessionStorage.removeItem(TOKEN_KEY);
        const given = await askForToken((body && body.message) || 'This node needs its operator\'s token.');
        if (given) {
          sessionStorage.setItem(TOKEN_KEY, given);
          continue;
        }
      }
      return { status: response.status, ok: response.ok, body, etag: response.headers.get('ETag') };
    }
  }

  function postJson(path, text) {
    return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text });
  }

  function short(hash) {
    return hash.length > 16 ? hash.slice(0, 12) + '…' + hash.slice(-4) : hash;
  }

  function jsonText(value) {
    if (value instanceof Literal) return value.text;
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  function duration(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600);
    const m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    if (d > 0) return `${d} d ${h} h`;
    if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
    if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`;
    return `${s} s`;
  }

  /** A block's time, and how long ago, which keeps counting (see renderAges). */
  function when(timestamp) {
    if (typeof timestamp !== 'number') return jsonText(timestamp);
    const date = new Date(timestamp * 1000);
    const ago = el('span', { className: 'age', 'data-timestamp': String(timestamp) });
    ago.textContent = `${duration(Date.now() / 1000 - timestamp)} ago`;
    return el('span', {}, `${date.toLocaleString()} (`, ago, ')');
  }

  /** Every "… ago" on the page, brought up to now: nothing stale is shown as current. */
  function renderAges() {
    for (const age of document.querySelectorAll('.age[data-timestamp]')) {
      age.textContent = `${duration(Date.now() / 1000 - Number(age.dataset.timestamp))} ago`;
    }
  }

  // ---- rendering ------------------------------------------------------------------------

  function renderStatus(status) {
    if (status.name && $('node-name').textContent !== status.name) {
      // the node's name and colour tell it apart from its neighbours on a projector
      $('node-name').textContent = status.name;
      $('node-name').title = status.name;
      document.title = `${status.name} · Blockchain node`;
      document.querySelector('header').style.backgroundColor = status.colour;
    }
    $('height').textContent = status.length;
    $('pending-count').textContent = status.pending;
    $('difficulty').textContent = `${status.difficulty} leading zeros`;
    $('last-hash').textContent = status.last_hash;
    $('node-id').textContent = status.node_id;
    $('data-dir').textContent = status.data_dir;
    startedAt = Date.parse(status.started_at);
    renderUptime();
    const rows = (status.peers || []).map((peer) => el('tr', {},
      el('td', { className: 'hash', text: peer.node }),
      el('td', { text: peer.protocol === 'tutorial' ? 'tutorial API' : peer.protocol || 'unknown' }),
      el('td', { text: peer.height !== undefined ? String(peer.height) : '–' }),
      el('td', { text: peer.last_heard ? new Date(peer.last_heard).toLocaleTimeString() : 'never' }),
      el('td', { className: 'outcome-' + peer.last_outcome, title: peer.last_detail || '', text: peer.last_outcome })));
    $('peers').replaceChildren(...rows);
    $('peers-empty').hidden = rows.length > 0;
    const events = (status.feed || []).map((event) => el('li', {},
      el('time', { text: new Date(event.at).toLocaleTimeString() }), ' ',
      el('strong', { text: event.type }), ': ', el('span', { text: event.text })));
    $('feed').replaceChildren(...events);
    $('feed-empty').hidden = events.length > 0;
    showLedgerMode(status.settings && status.settings.ledger === 'signed');
  }

  function renderUptime() {
    if (startedAt) $('uptime').textContent = duration((Date.now() - startedAt) / 1000);
  }

  function transactionsTable(transactions) {
    return el('table', {},
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Sender' }), el('th', { scope: 'col', text: 'Recipient' }),
        el('th', { scope: 'col', text: 'Amount' }))),
      el('tbody', {}, ...transactions.map((tx) => el('tr', {},
        el('td', { text: jsonText(tx.sender) }), el('td', { text: jsonText(tx.recipient) }),
        el('td', { text: jsonText(tx.amount) })))));
  }

  function renderBlocks(recent) {
    const items = recent.blocks.map(({ hash, block }, i) => {
      const parent = recent.blocks[i + 1];
      const txs = Array.isArray(block.transactions) ? block.transactions : [];
      let link;
      if (block.index === 1) {
        link = el('span', { className: 'link', text: 'genesis' });
      } else if (parent) {
        const linked = parent.hash === block.previous_hash;
        link = el('span', { className: 'link' + (linked ? '' : ' broken'),
          text: linked ? `↳ parent #${parent.block.index} ${short(block.previous_hash)}` : `parent ${short(block.previous_hash)} not shown` });
      } else {
        link = el('span', { className: 'link', text: `↳ parent ${short(block.previous_hash)}` });
      }
      const summary = el('summary', {},
        el('span', { className: 'index', text: `#${block.index}` }),
        el('span', { className: 'hide-narrow', text: typeof block.timestamp === 'number'
          ? new Date(block.timestamp * 1000).toLocaleString() : jsonText(block.timestamp) }),
        el('span', { text: `${txs.length} tx` }),
        el('span', { className: 'hide-narrow', text: `proof ${jsonText(block.proof)}` }),
        el('span', {}, el('span', { className: 'hash', title: hash, text: short(hash) }), ' ', link));
      const details = el('details', { className: 'block', 'data-index': String(block.index) }, summary,
        el('div', { className: 'body' },
          el('p', {}, 'Hash ', el('code', { text: hash })),
          el('p', {}, 'Previous hash ', el('code', { text: jsonText(block.previous_hash) })),
          el('p', {}, 'Time ', when(block.timestamp)),
          transactionsTable(txs)));
      return el('li', {}, details);
    });
    // keep open the blocks a person opened
    const open = new Set([...document.querySelectorAll('#blocks details[open]')].map((d) => d.dataset.index));
    $('blocks').replaceChildren(...items);
    for (const details of document.querySelectorAll('#blocks details')) {
      if (open.has(details.dataset.index)) details.open = true;
    }
    renderChart(recent.blocks.slice().reverse().map((b) => b.block));
  }

  const SVG_NS = 'http://www.w3.org/2000/svg';

  function svgLabel(x, y, text, anchor) {
    const t = document.createElementNS(SVG_NS, 'text');
    t.setAttribute('class', 'axis');
    t.setAttribute('x', String(x));
    t.setAttribute('y', String(y));
    t.setAttribute('text-anchor', anchor);
    t.textContent = text;
    return t;
  }

  function renderChart(blocks) {
    const svg = $('chart');
    const ns = SVG_NS;
    const W = 600, H = 160, top = 16, bottom = 18;
    const gaps = blocks.map((b, i) => (i === 0 || typeof b.timestamp !== 'number' || typeof blocks[i - 1].timestamp !== 'number')
      ? 0 : Math.max(0, b.timestamp - blocks[i - 1].timestamp));
    const counts = blocks.map((b) => (Array.isArray(b.transactions) ? b.transactions.length : 0));
    const maxGap = Math.max(1, ...gaps), maxCount = Math.max(1, ...counts);
    const step = W / Math.max(1, blocks.length);
    const y = (value, max) => H - bottom - (value / max) * (H - top - bottom);
    const shapes = [];
    gaps.forEach((gap, i) => {
      const bar = document.createElementNS(ns, 'rect');
      bar.setAttribute('class', 'bar');
      bar.setAttribute('x', String(i * step + 1));
      bar.setAttribute('width', String(Math.max(1, step - 2)));
      bar.setAttribute('y', String(y(gap, maxGap)));
      bar.setAttribute('height', String(H - bottom - y(gap, maxGap)));
      const title = document.createElementNS(ns, 'title');
      title.textContent = `#${blocks[i].index}: ${gap.toFixed(1)} s after its parent, ${plural(counts[i], 'transaction')}`;
      bar.append(title);
      shapes.push(bar);
    });
    if (blocks.length > 1) {
      const line = document.createElementNS(ns, 'polyline');
      line.setAttribute('class', 'tx');
      line.setAttribute('points', counts.map((c, i) => `${i * step + step / 2},${y(c, maxCount)}`).join(' '));
      shapes.push(line);
    }
    const label = svgLabel;
    shapes.push(label(4, 12, `${maxGap.toFixed(1)} s`, 'start'), label(W - 4, 12, `${maxCount} tx`, 'end'));
    if (blocks.length) {
      shapes.push(label(4, H - 4, `#${blocks[0].index}`, 'start'), label(W - 4, H - 4, `#${blocks[blocks.length - 1].index}`, 'end'));
    }
    svg.replaceChildren(...shapes);
  }

  function renderPending(pending) {
    const rows = pending.transactions.map((tx) => el('tr', {},
      el('td', { text: jsonText(tx.sender) }), el('td', { text: jsonText(tx.recipient) }), el('td', { text: jsonText(tx.amount) })));
    $('pending').replaceChildren(...rows);
    $('pending-empty').hidden = rows.length > 0;
  }

  // ---- live updates: poll /status (ETag), fetch the rest only when it changed ------------

  /** "1 transaction", "2 transactions". */
  function plural(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
  }

  async function refresh() {
    try {
      const answer = await api('status', statusEtag ? { headers: { 'If-None-Match': statusEtag } } : {});
      // a node that could not start answers 503 with the reason: shown above everything, as it is
      const notRunning = answer.status === 503 && answer.body && answer.body.message;
      $('problem').hidden = !notRunning;
      if (notRunning) {
        $('problem').textContent = answer.body.message;
        $('live').textContent = `not running · checked ${new Date().toLocaleTimeString()}`;
        return;
      }
      if (answer.status === 200) {
        statusEtag = answer.etag;
        renderStatus(answer.body);
        const key = `${answer.body.length}/${answer.body.last_hash}/${answer.body.pending}`;
        if (key !== shownKey) {
          const [recent, pending] = await Promise.all([api('blocks/recent?limit=50'), api('transactions/pending?limit=100')]);
          if (recent.ok) renderBlocks(recent.body);
          if (pending.ok) renderPending(pending.body);
          shownKey = key;
          refreshWallet();
        }
      }
      $('live').textContent = `live · updated ${new Date().toLocaleTimeString()}`;
    } catch (e) {
      $('live').textContent = 'the node does not answer; retrying…';
    }
  }

  // The node tells what happens on one event stream (GET /events): the page refreshes when it
  // speaks, and polls only slowly while the stream is open (every second when it is not).
  let streamOpen = false;
  let refreshQueued = false;

  function listen() {
    if (typeof EventSource === 'undefined') return;
    const stream = new EventSource('events');
    stream.onopen = () => { streamOpen = true; };
    stream.onerror = () => { streamOpen = false; }; // the browser reconnects, sending the last id it saw
    const onEvent = () => {
      if (refreshQueued) return;
      refreshQueued = true;
      setTimeout(() => { refreshQueued = false; refresh(); }, 100); // a burst of events, one refresh
    };
    for (const type of ['block', 'reorg', 'transaction', 'peer', 'mining', 'reload']) {
      stream.addEventListener(type, onEvent);
    }
  }

  async function poll() {
    await refresh();
    setTimeout(poll, streamOpen ? 5 * POLL_MS : POLL_MS);
  }

  // ---- load: requests per second and flush latency, sampled from /metrics -------------------

  const LOAD_MS = 3000, LOAD_POINTS = 100; // five minutes
  const load = [];

  function parseMetrics(text) {
    let requests = 0, flushCount = 0, flushSum = 0;
    for (const line of text.split('\n')) {
      const value = () => Number(line.slice(line.lastIndexOf(' ') + 1));
      if (line.startsWith('http_server_request_duration_seconds_count{')) requests += value();
      else if (line.startsWith('blockchain_store_flush_seconds_count ')) flushCount = value();
      else if (line.startsWith('blockchain_store_flush_seconds_sum ')) flushSum = value();
    }
    return { requests, flushCount, flushSum };
  }

  /** A line over the last LOAD_POINTS samples; null values (nothing happened) leave gaps. */
  function lineChart(svg, values, format) {
    const W = 600, H = 120, top = 22, bottom = 6, left = 6, right = 8;
    const max = Math.max(0, ...values.filter((v) => v !== null));
    const step = (W - left - right) / (LOAD_POINTS - 1);
    const offset = LOAD_POINTS - values.length;
    const y = (v) => H - bottom - (max > 0 ? v / max : 0) * (H - top - bottom);
    const shapes = [];
    let points = [];
    const flush = () => {
      if (points.length) {
        const line = document.createElementNS(SVG_NS, 'polyline');
        line.setAttribute('class', 'load');
        line.setAttribute('points', points.join(' '));
        shapes.push(line);
      }
      points = [];
    };
    values.forEach((v, i) => {
      if (v === null) {
        flush();
        return;
      }
      const x = left + (offset + i) * step;
      points.push(`${x},${y(v)}`);
      const dot = document.createElementNS(SVG_NS, 'circle');
      dot.setAttribute('class', 'dot');
      dot.setAttribute('cx', String(x));
      dot.setAttribute('cy', String(y(v)));
      dot.setAttribute('r', '3');
      shapes.push(dot);
    });
    flush();
    shapes.push(svgLabel(4, 12, `max ${format(max)}`, 'start'), svgLabel(W - 4, 12, 'now', 'end'));
    svg.replaceChildren(...shapes);
  }

  function renderLoad() {
    const rates = [], flushMs = [];
    for (let i = 1; i < load.length; i++) {
      const a = load[i - 1], b = load[i];
      const seconds = (b.at - a.at) / 1000;
      rates.push(b.requests >= a.requests ? (b.requests - a.requests) / seconds : null);
      const flushes = b.flushCount - a.flushCount;
      flushMs.push(flushes > 0 ? (b.flushSum - a.flushSum) / flushes * 1000 : null);
    }
    if (!rates.length) return;
    lineChart($('rate-chart'), rates, (v) => `${v.toFixed(1)}/s`);
    lineChart($('flush-chart'), flushMs, (v) => `${v.toFixed(2)} ms`);
    const last = rates[rates.length - 1];
    $('rate-now').textContent = last === null ? '–' : `${last.toFixed(1)} requests/s`;
    const flushed = flushMs.filter((v) => v !== null);
    $('flush-now').textContent = flushed.length ? `${flushed[flushed.length - 1].toFixed(2)} ms` : 'no writes yet';
  }

  async function sampleLoad() {
    try {
      const response = await fetch('metrics', { cache: 'no-store' });
      if (response.ok) {
        load.push({ at: performance.now(), ...parseMetrics(await response.text()) });
        if (load.length > LOAD_POINTS + 1) load.shift();
        renderLoad();
      }
    } catch (e) {
      // the status line already says when the node does not answer
    }
    setTimeout(sampleLoad, LOAD_MS);
  }

  // ---- actions -------------------------------------------------------------------------------

  function showResult(id, text, ok) {
    const p = $(id);
    p.textContent = text;
    p.className = 'result ' + (ok ? 'ok' : 'bad');
  }

  /** Puts the server's message next to the field it names (sender, recipient, amount), else under the form. */
  function showFieldError(fields, message, fallbackId) {
    const named = fields.find((f) => new RegExp(`\\b${f}\\b`).test(message));
    for (const f of fields) {
      const input = $('tx-' + f);
      input.removeAttribute('aria-invalid');
      $('tx-' + f + '-error').textContent = '';
    }
    if (named) {
      $('tx-' + named).setAttribute('aria-invalid', 'true');
      $('tx-' + named + '-error').textContent = message;
      $(fallbackId).textContent = '';
    } else {
      showResult(fallbackId, message, false);
    }
  }

  /** The amount as typed, as a JSON number when it is one (so 5.0 stays 5.0), else as a string the server will refuse. */
  function amountJson(text) {
    const t = text.trim();
    return /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(t) ? t : JSON.stringify(t);
  }

  $('tx-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = ['sender', 'recipient', 'amount'];
    const body = `{"sender": ${JSON.stringify($('tx-sender').value)}, "recipient": ${JSON.stringify($('tx-recipient').value)}, `
      + `"amount": ${amountJson($('tx-amount').value)}}`;
    const answer = await postJson('transactions/new', body);
    if (answer.status === 201) {
      showFieldError(fields, '', 'tx-result');
      showResult('tx-result', answer.body.message, true);
      $('tx-form').reset();
      refresh();
    } else {
      showFieldError(fields, (answer.body && answer.body.message) || `HTTP ${answer.status}`, 'tx-result');
    }
  });

  $('mine').addEventListener('click', async () => {
    const button = $('mine');
    button.disabled = true;
    showResult('mine-result', 'Mining…', true);
    const started = performance.now();
    try {
      const answer = await api('mine', { method: 'POST' });
      const ms = Math.round(performance.now() - started);
      if (answer.ok) {
        const b = answer.body;
        showResult('mine-result', `Block #${b.index} forged in ${ms} ms: proof ${b.proof}, `
          + `${plural(b.transactions.length, 'transaction')}, parent ${short(b.previous_hash)}`, true);
      } else {
        showResult('mine-result', (answer.body && answer.body.message) || `HTTP ${answer.status}`, false);
      }
    } finally {
      button.disabled = false;
      refresh();
    }
  });

  $('peer-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await postJson('nodes/register', JSON.stringify({ nodes: [$('peer-url').value] }));
    const error = $('peer-url-error');
    if (answer.status === 201) {
      error.textContent = '';
      $('peer-url').removeAttribute('aria-invalid');
      showResult('resolve-result', `${answer.body.message}: ${answer.body.total_nodes.join(', ')}`, true);
      $('peer-form').reset();
      refresh();
    } else {
      $('peer-url').setAttribute('aria-invalid', 'true');
      error.textContent = (answer.body && answer.body.message) || `HTTP ${answer.status}`;
    }
  });

  $('resolve').addEventListener('click', async () => {
    const button = $('resolve');
    button.disabled = true;
    try {
      const answer = await api('nodes/resolve');
      if (!answer.ok) {
        showResult('resolve-result', (answer.body && answer.body.message) || `HTTP ${answer.status}`, false);
        return;
      }
      const p = $('resolve-result');
      p.className = 'result ok';
      const list = el('ul', {}, ...(answer.body.peers || []).map((peer) => el('li', {},
        el('span', { className: 'hash', text: peer.node }), ': ',
        el('span', { className: 'outcome-' + peer.outcome, text: peer.outcome }),
        peer.length !== undefined ? ` (${peer.length} blocks)` : '', ` — ${peer.detail}`)));
      p.replaceChildren(el('strong', { text: answer.body.message }), list);
    } finally {
      button.disabled = false;
      refresh();
    }
  });

  // ---- wallet (signed ledger mode): an Ed25519 key made and kept in this browser ---------------

  const WALLET_KEY = 'blockchain-node.wallet';
  const ADDRESS = /^[0-9a-f]{64}$/;
  let signedLedger = null;
  let wallet = null; // { address, privateKey }

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

  async function showLedgerMode(signed) {
    if (signed === signedLedger) return;
    signedLedger = signed;
    $('tx-form').hidden = signed; // a signed node takes transactions from wallets only
    if (!signed) {
      $('wallet-note').textContent = 'This node keeps the tutorial\'s open ledger: anyone sends anything. '
        + 'Start every node of a network with -Dblockchain.ledger=signed for signed transactions and balances.';
      $('wallet-none').hidden = true;
      $('wallet-open').hidden = true;
      return;
    }
    if (!(await ed25519Available())) {
      $('wallet-note').textContent = 'This browser cannot make Ed25519 keys here: WebCrypto needs a secure context '
        + '(http://localhost, 127.0.0.1 or HTTPS) and a browser whose WebCrypto has Ed25519 (recent Chromium, Firefox, Safari).';
      return;
    }
    $('wallet-note').textContent = 'The key is made and kept in this browser (localStorage); it is never sent to the node.';
    await openWallet();
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

  async function refreshWallet() {
    if (!wallet) return null;
    const b = await balanceOf(wallet.address);
    if (b) {
      $('wallet-balance').textContent = jsonText(b.balance);
      $('wallet-available').textContent = jsonText(b.available);
      $('wallet-nonce').textContent = jsonText(b.next_nonce);
    }
    return b;
  }

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
      showResult('wallet-result', 'That is not an Ed25519 private key in PKCS#8, base64.', false);
    }
  });

  $('wallet-send').addEventListener('submit', async (event) => {
    event.preventDefault();
    const to = $('wallet-to').value.trim();
    const amount = $('wallet-amount').value.trim();
    if (!ADDRESS.test(to)) {
      showResult('wallet-result', 'To must be an address: 64 lowercase hex characters.', false);
      return;
    }
    if (!/^[1-9][0-9]*$/.test(amount)) {
      showResult('wallet-result', 'The amount must be a whole number above 0.', false);
      return;
    }
    const b = await refreshWallet();
    const nonce = b ? String(b.next_nonce) : '1';
    // what the node checks: json.dumps({"amount", "nonce", "recipient", "sender"}, sort_keys=True)
    const message = `{"amount": ${amount}, "nonce": ${nonce}, "recipient": "${to}", "sender": "${wallet.address}"}`;
    const signature = hex(await crypto.subtle.sign({ name: 'Ed25519' }, wallet.privateKey, new TextEncoder().encode(message)));
    const answer = await postJson('transactions/new', `{"sender": "${wallet.address}", "recipient": "${to}", `
      + `"amount": ${amount}, "nonce": ${nonce}, "signature": "${signature}"}`);
    showResult('wallet-result', (answer.body && answer.body.message) || `HTTP ${answer.status}`, answer.status === 201);
    if (answer.status === 201) $('wallet-send').reset();
    refresh();
  });

  $('wallet-mine').addEventListener('click', async () => {
    const answer = await api(`mine?to=${wallet.address}`, { method: 'POST' });
    showResult('wallet-result', answer.ok ? `Block #${answer.body.index} forged: 1 for this wallet`
      : (answer.body && answer.body.message) || `HTTP ${answer.status}`, answer.ok);
    refresh();
  });

  $('wallet-lookup').addEventListener('input', async () => {
    const address = $('wallet-lookup-address').value.trim();
    if (!ADDRESS.test(address)) {
      $('wallet-lookup-result').textContent = '';
      return;
    }
    const b = await balanceOf(address);
    $('wallet-lookup-result').textContent = b ? `balance ${jsonText(b.balance)}, available ${jsonText(b.available)}, `
      + `next nonce ${jsonText(b.next_nonce)}` : 'unknown';
  });
  $('wallet-lookup').addEventListener('submit', (event) => event.preventDefault());

  $('wallet-export').addEventListener('click', () => {
    const area = $('wallet-export-text');
    area.value = JSON.parse(localStorage.getItem(WALLET_KEY)).pkcs8;
    area.hidden = false;
  });

  $('wallet-forget').addEventListener('click', async () => {
    if (window.confirm('Forget this wallet? Without an exported copy of its key, its coins are lost.')) {
      localStorage.removeItem(WALLET_KEY);
      $('wallet-export-text').hidden = true;
      await openWallet();
    }
  });

  setInterval(renderUptime, 1000);
  setInterval(renderAges, 1000);
  listen();
  poll();
  sampleLoad();
})();
