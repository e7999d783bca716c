// Talking to this node: relative URLs (the page works under any context path), numbers read as
// the node wrote them, and the operator's token asked for once when an action needs it.
import { $ } from './dom.js';
import { t } from './i18n.js';

/**
 * A number shown exactly as the node sent it: JSON.parse would turn 5.0 into 5 and round big
 * integers, and this page never rewrites data. Needs the reviver's source text (modern
 * browsers); elsewhere the parsed number is shown.
 */
class Literal {
  constructor(text) { this.text = text; }
  toString() { return this.text; }
}
const EXACT_KEYS = new Set(['amount', 'proof', 'balance', 'available', 'next_nonce']);
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

/** A value from the node as text: numbers as the node wrote them, strings as they are. */
export function jsonText(value) {
  if (value instanceof Literal) return value.text;
  return typeof value === 'string' ? value : JSON.stringify(value);
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

/** The node's answer to a request: { status, ok, body (parsed JSON or null), etag }. */
export async function api(path, options = {}) {
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
      const given = await askForToken((body && body.message) || t('token.needed'));
      if (given) {
        sessionStorage.setItem(TOKEN_KEY, given);
        continue;
      }
    }
    return { status: response.status, ok: response.ok, body, etag: response.headers.get('ETag') };
  }
}

export function postJson(path, text) {
  return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text });
}

/** The node's message in an answer, or its HTTP status when it sent none. */
export function messageOf(answer) {
  return (answer.body && answer.body.message) || `HTTP ${answer.status}`;
}
