// The node's one event stream (GET /events, Server-Sent Events), shared by every view of this
// tab: one connection per tab, as browsers allow only about six per origin. The browser
// reconnects by itself and sends the last id it saw; the node replays what was missed, or says
// "reload" when it no longer has it (or restarted).

const TYPES = ['block', 'reorg', 'transaction', 'peer', 'mining', 'network'];
const listeners = [];
let source = null;
let open = false;

/** Calls fn(event) for each event the node tells ({id, at, type, code, params, text}), and fn({type: 'reload'}). */
export function subscribe(fn) {
  listeners.push(fn);
}

/** True while the stream is connected: the views may then poll only slowly. */
export function isOpen() {
  return open;
}

function tell(event) {
  for (const fn of listeners) {
    try {
      fn(event);
    } catch (e) {
      console.error('a view failed on an event', e); // one broken view must not silence the others
    }
  }
}

export function connect() {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('events');
  source.onopen = () => { open = true; };
  source.onerror = () => { open = false; };
  for (const type of TYPES) {
    source.addEventListener(type, (message) => {
      try {
        tell(JSON.parse(message.data));
      } catch (e) {
        console.error('an event the page cannot read', e);
      }
    });
  }
  source.addEventListener('reload', () => tell({ type: 'reload' }));
}
