// The node's page: each view is a module (chain, feed, inspector, tamper lab, wallet, charts,
// actions); this one fetches what they show and tells them when the node changed. The node's
// event stream says when; /status is polled too, slowly while the stream is open, every second
// when it is not (a proxy that cuts streams, a browser without EventSource).
import { $, renderAges } from './dom.js';
import { t, clock, language, setLanguage, translatePage, onLanguageChange } from './i18n.js';
import { api } from './api.js';
import * as stream from './stream.js';
import { renderStatus, renderUptime, redrawStatus } from './status.js';
import { renderChain, redrawChain, noteOrigins, showMining } from './chain.js';
import { renderFeed, redrawFeed } from './feed.js';
import { renderBlockChart, redrawCharts, sampleLoad } from './charts.js';
import { wireActions, renderPending } from './actions.js';
import { wireWallet, showLedgerMode, refreshWallet, redrawWallet } from './wallet.js';
import { wireInspector } from './inspector.js';
import { wireLab } from './lab.js';
import { refreshNetwork, redrawNetwork } from './network.js';

const POLL_MS = 1000;
let statusEtag = null;
let shownKey = null;
let downSince = null;

async function refresh() {
  try {
    const answer = await api('status', statusEtag ? { headers: { 'If-None-Match': statusEtag } } : {});
    downSince = null;
    // a node that could not start answers 503 with the reason: shown above everything, as it is
    const notRunning = answer.status === 503 && answer.body && answer.body.message;
    $('problem').hidden = !notRunning;
    if (notRunning) {
      $('problem').textContent = answer.body.message;
      $('live').textContent = t('live.notRunning', { time: clock(new Date()) });
      return;
    }
    if (answer.status === 200) {
      statusEtag = answer.etag;
      renderStatus(answer.body);
      noteOrigins(answer.body.feed || []);
      renderFeed(answer.body.feed || []);
      showLedgerMode(answer.body.settings && answer.body.settings.ledger === 'signed');
      const key = `${answer.body.length}/${answer.body.last_hash}/${answer.body.pending}`;
      if (key !== shownKey) {
        const [recent, pending] = await Promise.all([api('blocks/recent?limit=50'), api('transactions/pending?limit=100')]);
        if (recent.ok) {
          renderChain(recent.body);
          renderBlockChart(recent.body.blocks.slice().reverse().map((b) => b.block));
        }
        if (pending.ok) renderPending(pending.body);
        shownKey = key;
        refreshWallet();
      }
    }
    $('live').textContent = t(stream.isOpen() ? 'live.streaming' : 'live.polling', { time: clock(new Date()) });
  } catch (e) {
    downSince = downSince || new Date(); // nothing stale is shown as current: the page says since when
    $('live').textContent = t('live.down', { time: clock(downSince) });
  }
}

let refreshQueued = false;

/** A burst of events, one refresh. */
function refreshSoon() {
  if (refreshQueued) return;
  refreshQueued = true;
  setTimeout(() => { refreshQueued = false; refresh(); }, 100);
}

async function poll() {
  await refresh();
  refreshNetwork(); // peers change without telling this node: the picture is asked for again at each poll
  setTimeout(poll, stream.isOpen() ? 5 * POLL_MS : POLL_MS);
}

translatePage();
$('live').textContent = t('live.connecting');
$('language').value = language;
$('language').addEventListener('change', () => setLanguage($('language').value));
onLanguageChange(() => {
  $('language').value = language;
  redrawStatus();
  redrawChain();
  redrawFeed();
  redrawCharts();
  redrawWallet();
  redrawNetwork();
});

document.addEventListener('peer-names', () => {
  redrawStatus();
  redrawChain();
  redrawFeed();
});
wireActions(refresh);
wireWallet(refresh);
wireInspector();
wireLab();
stream.subscribe((event) => {
  if (event.type === 'mining' && event.code !== 'plan') {
    showMining(event); // passing news: the miner's progress, not kept
    return;
  }
  if (event.type !== 'reload') noteOrigins([event]);
  refreshSoon();
  refreshNetwork();
});
stream.connect();
setInterval(() => { renderUptime(); renderAges(); }, 1000);
poll();
sampleLoad();
