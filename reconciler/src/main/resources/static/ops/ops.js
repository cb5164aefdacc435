// The ops dashboard: a static page over the services' admin JSON APIs and the reconciler's Server-Sent Events.
// Every call carries the admin bearer token the operator typed (kept in sessionStorage only). Data is put into the
// page with textContent only, never as HTML.
'use strict';

const TOKEN_KEY = 'deletion-ops-token';
const HISTORY_POINTS = 60;
const TIMELINE_BLOCKS = 20;
const LATEST_ROWS = 20;
// the state whose count rises with every confirmation: the throughput chart is its growth per summary
const CONFIRMED = 'CONFIRMED';
// a block a legal hold keeps: its timeline says so
const HELD = 'HELD';
// the worker's dead-letter statuses, in the columns' order
const DEAD_LETTER_STATUSES = ['OPEN', 'REDRIVEN', 'PARKED'];
const ATTENTION = { FAILED: 'bad', ORPHANED: 'bad', HELD: 'warn', PENDING_APPROVAL: 'warn', CONFIRMED: 'good' };

const ops = { services: { apiUrl: '', workerUrl: '' }, history: [], seenStates: new Set(), deadLetters: [],
  timelineId: null, stream: null, statusChanges: 0, dryRun: null, heldShown: null, calls: {} };
const $ = id => document.getElementById(id);

// ---------- calls ----------

/** The answer, or null when a later call of the same panel started meanwhile: a slow old answer must not win. */
async function newest(panel, call) {
  const mine = ops.calls[panel] = (ops.calls[panel] || 0) + 1;
  const answer = await call;
  return mine === ops.calls[panel] ? answer : null;
}

function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }

/** One JSON call; resolves to {ok, status, body}; never throws for an HTTP answer. */
async function call(base, path, options = {}) {
  const headers = { Authorization: 'Bearer ' + token(), Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(base + path, { method: options.method || 'GET', headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  } catch (e) {
    return { ok: false, status: 0, body: { detail: 'cannot reach ' + (base || 'the reconciler') + ': ' + e.message } };
  }
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = { detail: text }; }
  return { ok: response.ok, status: response.status, body,
    retryAfter: Number(response.headers.get('Retry-After')) || 0 };
}

const reconciler = (path, options) => call('', path, options);
const api = (path, options) => call(ops.services.apiUrl, path, options);
const worker = (path, options) => call(ops.services.workerUrl, path, options);

/** What to tell the operator about a failed call; a 404/405 means the service does not offer it (yet). */
function failure(answer, what) {
  if (answer.status === 404 || answer.status === 405) {
    return what + ' is not available on this service version (HTTP ' + answer.status + ').';
  }
  const detail = answer.body && (answer.body.detail || answer.body.title);
  return what + ' failed' + (answer.status ? ' (HTTP ' + answer.status + ')' : '') + (detail ? ': ' + detail : '.');
}

/**
 * A failed reconciler read: 503 + Retry-After while its partitions move between instances is a wait, not an error —
 * the panel says so and asks again after that many seconds; anything else is said as a failure.
 */
function waitOrFail(answer, messageId, key, retry, what) {
  if (answer.status === 503 && answer.retryAfter) {
    say(messageId, 'The reconciler is moving its partitions; asking again in ' + answer.retryAfter + ' s.', 'warn');
    return later(key, retry, answer.retryAfter * 1000);
  }
  say(messageId, failure(answer, what), 'error');
}

function say(id, text, kind) {
  const element = $(id);
  element.textContent = text || '';
  element.className = 'message' + (kind ? ' ' + kind : '');
}

// ---------- small DOM helpers ----------

function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'onclick') element.addEventListener('click', value);
    else if (name === 'text') element.textContent = value;
    else element.setAttribute(name, value);
  }
  for (const child of children) element.append(child instanceof Node ? child : String(child ?? ''));
  return element;
}

function rows(tableId, list, toCells) {
  const body = $(tableId).tBodies[0];
  body.replaceChildren(...list.map(item => el('tr', {}, ...toCells(item).map(c => c instanceof Node && c.tagName === 'TD' ? c : el('td', {}, c)))));
}

// the last part: the first differs too little between ids made in sequence (the demo data's, for one)
function shortId(id) { return id ? '…' + String(id).slice(-8) : ''; }
function time(instant) { return instant ? new Date(instant).toLocaleString() : ''; }
function clock(instant) { return instant ? new Date(instant).toLocaleTimeString() : ''; }

function duration(ms) {
  if (!ms) return '—';
  const s = Math.round(ms / 1000);
  if (s < 120) return s + ' s';
  if (s < 7200) return Math.round(s / 60) + ' min';
  if (s < 172800) return Math.round(s / 3600) + ' h';
  return Math.round(s / 86400) + ' d';
}

function deletionLink(id) {
  return el('a', { class: 'id', title: id, 'data-deletion': id, onclick: () => showTimeline(id) }, shortId(id));
}

function fromLocalInput(value) { return value ? new Date(value).toISOString() : undefined; }

// ---------- summary: tiles and charts ----------

function tile(key, label, value, kind, title) {
  return el('div', { class: 'tile' + (kind ? ' ' + kind : ''), 'data-tile': key, title: title || '' },
    el('div', { class: 'label' }, label), el('div', { class: 'value' }, value));
}

function showSummary(summary) {
  const counts = summary.countsByState || {};
  // the holds table's counts follow the stream even when the status events about them were coalesced away
  const held = counts.HELD || 0;
  if (ops.heldShown !== null && ops.heldShown !== held) later('holds', loadHolds);
  ops.heldShown = held;
  Object.keys(counts).forEach(state => ops.seenStates.add(state));
  const tiles = [...ops.seenStates].sort().map(state =>
    tile('state-' + state, state.replace(/_/g, ' ').toLowerCase(), counts[state] || 0, counts[state] ? ATTENTION[state] : ''));
  tiles.push(tile('oldest-pending', 'oldest pending', duration(summary.oldestPendingAgeMs),
    summary.oldestPendingAgeMs > 0 ? 'warn' : '', 'age of the oldest deletion not yet finished'));
  const deadLetters = Object.values(summary.deadLettersByReason || {}).reduce((a, b) => a + b, 0);
  tiles.push(tile('dead-letters', 'dead letters', deadLetters, deadLetters ? 'bad' : ''));
  tiles.push(tile('already-gone', 'already gone (' + duration(summary.windowSeconds * 1000) + ')',
    summary.alreadyGoneInWindow, '', 'confirmations whose Google answer was "already gone"; a spike points at lost access'));
  const atRisk = summary.deadlinesAtRisk || 0;
  const missed = summary.deadlinesMissed || 0;
  tiles.push(tile('deadlines-at-risk', 'deadlines at risk', atRisk, atRisk ? 'warn' : '',
    'unfinished deletion requests whose dueBy is near'));
  tiles.push(tile('deadlines-missed', 'deadlines missed', missed, missed ? 'bad' : '',
    'unfinished deletion requests past their dueBy'));
  const quotaBlocks = summary.blocksWaitingForQuota || 0;
  tiles.push(tile('quota-waits', 'waiting for quota', quotaBlocks
    + (summary.quotaWaitsDoneBy ? ' · done ' + clock(summary.quotaWaitsDoneBy) : ''), '',
    (summary.deletionsWaitingForQuota || 0) + ' deletions wait for their owner\'s Google quota; not late until their estimate + the deadline'));
  const latency = summary.softDeleteToConfirmMs || {};
  tiles.push(tile('latency-p95', 'confirm latency p95', duration(latency.p95), '', 'soft delete → confirmation, p95 over the window'));
  $('tiles').replaceChildren(...tiles);
  $('asof').textContent = 'as of ' + clock(summary.generatedAt);
}

async function loadSummary() {
  const answer = await newest('summary', reconciler('/v1/summary'));
  if (!answer) return;
  if (!answer.ok) return waitOrFail(answer, 'summary-message', 'summary', loadSummary, 'Reading the summary');
  say('summary-message', '');
  showSummary(answer.body);
}

function addToHistory(summary) {
  const last = ops.history[ops.history.length - 1];
  if (last && last.generatedAt >= summary.generatedAt) return;
  ops.history.push(summary);
  if (ops.history.length > HISTORY_POINTS + 1) ops.history.shift();
  drawCharts();
}

function drawCharts() {
  const points = ops.history;
  const intervals = points.slice(1).map((summary, i) => ({
    at: summary.generatedAt,
    // a finished deletion forgotten after its retention lowers the count: never a negative throughput
    confirmed: Math.max(0, ((summary.countsByState || {})[CONFIRMED] || 0) - ((points[i].countsByState || {})[CONFIRMED] || 0))
  }));
  barChart($('throughput-chart'), intervals.map(p => p.confirmed), intervals.map(p => p.at));
  const latency = points.map(s => s.softDeleteToConfirmMs || {});
  lineChart($('latency-chart'), { p50: latency.map(l => l.p50 || 0), p95: latency.map(l => l.p95 || 0),
    p99: latency.map(l => l.p99 || 0) }, points.map(s => s.generatedAt));
  $('chart-range').textContent = points.length > 1 ? '(' + clock(points[0].generatedAt) + ' – ' + clock(points[points.length - 1].generatedAt) + ')' : '(waiting for summaries)';
}

const CHART = { width: 600, height: 170, left: 44, right: 8, top: 8, bottom: 20 };
const SVG = 'http://www.w3.org/2000/svg';

function svgEl(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Axes with a max label and the first and last time; returns the plot's scale. */
function axes(svg, max, times, format) {
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const y = v => CHART.top + plotHeight - (max ? v / max * plotHeight : 0);
  svg.replaceChildren(
    svgEl('line', { class: 'grid', x1: CHART.left, x2: CHART.width - CHART.right, y1: y(0), y2: y(0) }),
    svgEl('line', { class: 'grid', x1: CHART.left, x2: CHART.width - CHART.right, y1: y(max), y2: y(max) }),
    svgEl('text', { x: CHART.left - 4, y: y(max) + 4, 'text-anchor': 'end' }, format(max)),
    svgEl('text', { x: CHART.left - 4, y: y(0), 'text-anchor': 'end' }, '0'));
  if (times.length) {
    svg.append(svgEl('text', { x: CHART.left, y: CHART.height - 4 }, clock(times[0])),
      svgEl('text', { x: CHART.width - CHART.right, y: CHART.height - 4, 'text-anchor': 'end' }, clock(times[times.length - 1])));
  }
  return { plotWidth, y };
}

function barChart(svg, values, times) {
  const max = Math.max(1, ...values);
  const { plotWidth, y } = axes(svg, max, times, v => String(v));
  const step = plotWidth / Math.max(values.length, 1);
  values.forEach((v, i) => {
    const bar = svgEl('rect', { class: 'bar', x: CHART.left + i * step + 1, y: y(v), width: Math.max(step - 2, 1), height: y(0) - y(v) });
    bar.append(svgEl('title', {}, clock(times[i]) + ': ' + v));
    svg.append(bar);
  });
}

function lineChart(svg, series, times) {
  const max = Math.max(1, ...Object.values(series).flat());
  const { plotWidth, y } = axes(svg, max, times, duration);
  const count = times.length;
  const x = i => CHART.left + (count > 1 ? i / (count - 1) * plotWidth : plotWidth / 2);
  for (const [name, values] of Object.entries(series)) {
    svg.append(svgEl('polyline', { class: 'line ' + name, points: values.map((v, i) => x(i) + ',' + y(v)).join(' ') }));
  }
}

// ---------- orphans ----------

async function loadOrphans() {
  const answer = await newest('orphans', reconciler('/v1/orphans?limit=1000'));
  if (!answer) return;
  if (!answer.ok) return waitOrFail(answer, 'orphans-message', 'orphans', loadOrphans, 'Listing orphans');
  const groups = new Map();
  for (const orphan of answer.body) {
    const group = groups.get(orphan.type) || { type: orphan.type, count: 0, latest: orphan };
    group.count++;
    if (orphan.detectedAt > group.latest.detectedAt) group.latest = orphan;
    groups.set(orphan.type, group);
  }
  rows('orphans', [...groups.values()].sort((a, b) => b.count - a.count), g => [
    g.type, el('td', { class: 'num', 'data-orphan-type': g.type }, g.count), time(g.latest.detectedAt),
    el('span', { class: 'id', title: g.latest.blockId }, shortId(g.latest.blockId))]);
  say('orphans-message', groups.size ? '' : 'No open orphans.');
}

// ---------- dead letters ----------

function deadLetterStatus(item) {
  return item.status || (item.redrivenAt ? 'REDRIVEN' : 'OPEN');
}

/** Reloads the list, except the records table while the operator is typing a redrive reason in it. */
async function loadDeadLetters(force) {
  if (!ops.services.workerUrl) return say('dead-letters-message', 'deletion-worker\'s URL is not configured (deletion.reconciler.ops.worker-url).', 'error');
  const answer = await worker('/v1/admin/dead-letters?limit=1000');
  if (!answer.ok) return say('dead-letters-message', failure(answer, 'Listing dead letters'), 'error');
  ops.deadLetters = answer.body;
  const summary = await worker('/v1/admin/dead-letters/summary');
  const groups = new Map();
  const count = (reason, status, n) => {
    const group = groups.get(reason) || { reason, ...Object.fromEntries(DEAD_LETTER_STATUSES.map(status => [status, 0])) };
    group[status] = (group[status] || 0) + n;
    groups.set(reason, group);
  };
  // the worker's own counts over every record; the latest records only where it offers none
  if (summary.ok && Array.isArray(summary.body.byReason)) {
    summary.body.byReason.forEach(row => count(row.reason, row.status, row.count));
  } else {
    for (const item of answer.body) count(item.reason, deadLetterStatus(item), 1);
  }
  const reasons = [...groups.values()].sort((a, b) => a.reason < b.reason ? -1 : 1);
  rows('dead-letter-groups', reasons, g => [
    el('a', { class: 'id', title: 'redrive by filter: this reason', onclick: () => filterByReason(g.reason) }, g.reason),
    ...DEAD_LETTER_STATUSES.map(status => el('td', { class: 'num', 'data-dead-letters': g.reason + ' ' + status }, g[status]))]);
  $('dead-letter-reasons').replaceChildren(...reasons.map(g => el('option', { value: g.reason })));
  if (force !== true && $('dead-letters').querySelector('[data-redrive-reason]')) return;
  rows('dead-letters', answer.body.slice(0, LATEST_ROWS), item => [time(item.deadLetteredAt),
    el('span', { title: item.detail || '' }, item.reason + (item.lastHttpStatus ? ' (' + item.lastHttpStatus + ')' : '')),
    el('span', { class: 'id', title: item.blockId }, shortId(item.blockId)), item.deletionId ? deletionLink(item.deletionId) : '',
    el('td', { 'data-dead-letter-status': item.id }, deadLetterStatus(item)), redriveCell(item)]);
  if (!answer.body.length) say('dead-letters-message', 'No dead letters.');
}

/** Redrive of one record: a reason first, then the call. */
function redriveCell(item) {
  const cell = el('td', {});
  if (!item.redrivable) return cell;
  const start = el('button', { class: 'secondary', 'data-redrive': item.id, onclick: () => {
    const why = el('input', { placeholder: 'why (required)', 'data-redrive-reason': item.id, size: 18 });
    const go = el('button', { 'data-redrive-confirm': item.id, onclick: async () => {
      if (!why.value.trim()) return say('dead-letters-message', 'A reason is required to redrive.', 'error');
      go.disabled = true;
      const answer = await worker('/v1/admin/dead-letters/' + item.id + '/redrive', { method: 'POST', body: { reason: why.value.trim() } });
      say('dead-letters-message', answer.ok ? 'Redriven: block ' + item.blockId + ' is back in the queue.' : failure(answer, 'Redrive'), answer.ok ? 'ok' : 'error');
      loadDeadLetters(true);
    } }, 'Redrive');
    cell.replaceChildren(why, go);
    why.focus();
  } }, 'Redrive…');
  cell.append(start);
  return cell;
}

function filterByReason(reason) {
  $('filtered-redrive').open = true;
  $('redrive-filter').reason.value = reason;
  forgetDryRun();
  $('redrive-filter').why.focus();
}

/** A changed filter needs a new count before anything is redriven. */
function forgetDryRun() {
  ops.dryRun = null;
  $('redrive-confirm').disabled = true;
  $('redrive-confirm').textContent = 'Redrive';
  delete $('redrive-confirm').dataset.count;
}

function redriveFilter() {
  const form = $('redrive-filter');
  const filter = {};
  for (const name of ['reason', 'ownerId', 'deletionId']) if (form[name].value.trim()) filter[name] = form[name].value.trim();
  for (const name of ['from', 'to']) if (form[name].value) filter[name] = fromLocalInput(form[name].value);
  return filter;
}

async function filteredDryRun(event) {
  event.preventDefault();
  const form = $('redrive-filter');
  const why = form.why.value.trim();
  if (!why) return say('redrive-filter-message', 'A reason is required.', 'error');
  const filter = redriveFilter();
  const answer = await worker('/v1/admin/dead-letters/redrive', { method: 'POST', body: { filter, dryRun: true, reason: why } });
  forgetDryRun();
  if (!answer.ok) return say('redrive-filter-message', failure(answer, 'Counting dead letters'), 'error');
  const { matched, redrivable } = answer.body;
  ops.dryRun = { filter, why, count: redrivable };
  $('redrive-confirm').textContent = 'Redrive ' + redrivable;
  $('redrive-confirm').dataset.count = redrivable;
  $('redrive-confirm').disabled = redrivable === 0;
  say('redrive-filter-message', 'Dry run: ' + matched + ' match, ' + redrivable + ' can be redriven. Nothing has changed yet.');
}

async function filteredRedrive() {
  const run = ops.dryRun;
  if (!run) return;
  $('redrive-confirm').disabled = true;
  const answer = await worker('/v1/admin/dead-letters/redrive', { method: 'POST',
    body: { filter: run.filter, dryRun: false, reason: run.why, expectedCount: run.count } });
  forgetDryRun();
  // 409: the matching set changed since the dry run; nothing was redriven, count again
  say('redrive-filter-message', answer.ok ? 'Redriven ' + answer.body.redriven + ' of ' + answer.body.matched
    + ' matching (audit ' + shortId(answer.body.auditId) + ').' : failure(answer, 'Filtered redrive'), answer.ok ? 'ok' : 'error');
  loadDeadLetters(true);
}

// ---------- one deletion: timeline and receipt ----------

async function showTimeline(id) {
  id = String(id || '').trim();
  if (!id) return;
  $('timeline-id').value = id;
  ops.timelineId = id;
  if (!ops.services.apiUrl) return say('timeline-message', 'deletion-api\'s URL is not configured (deletion.reconciler.ops.api-url).', 'error');
  const progress = await api('/v1/deletions/' + encodeURIComponent(id) + '?size=' + TIMELINE_BLOCKS);
  if (!progress.ok) {
    $('timeline-view').hidden = true;
    return say('timeline-message', progress.status === 404 ? 'No deletion ' + id + '.' : failure(progress, 'Reading the deletion'), 'error');
  }
  const deletion = progress.body;
  const path = encodeURIComponent(id);
  const [receipt, outcomes, letters, statuses] = await Promise.all([
    api('/v1/deletions/' + path + '/receipt'),
    ops.services.workerUrl ? worker('/v1/admin/deletions/' + path + '/outcomes') : Promise.resolve({ ok: false }),
    ops.services.workerUrl ? worker('/v1/admin/dead-letters?limit=1000&deletionId=' + path) : Promise.resolve({ ok: false }),
    Promise.all(deletion.items.map(item => reconciler('/v1/status/' + item.blockId)))]);
  const receiptBody = receipt.ok ? receipt.body : null;
  // where each ended block stands now (a block redriven after the receipt was sealed ends later); else the receipt's
  const ended = outcomes.ok ? outcomes.body : (receiptBody ? receiptBody.blocks : []);
  const known = statuses.filter(s => s.ok).map(s => s.body);
  const deadLetters = (letters.ok ? letters.body : ops.deadLetters).filter(d => d.deletionId === id);
  renderTimeline(deletion, receiptBody, ended, known, deadLetters);
  const notes = deletion.totalItems > deletion.items.length ? ['Showing the first ' + deletion.items.length + ' of ' + deletion.totalItems + ' blocks.'] : [];
  // a block's status answered 503 while the reconciler's partitions move: its soft delete is missing, ask again
  const waiting = statuses.find(s => s.status === 503 && s.retryAfter);
  if (waiting) {
    notes.push('The reconciler is moving its partitions: some blocks\' soft deletes are not shown yet; asking again in ' + waiting.retryAfter + ' s.');
    later('timeline', () => ops.timelineId === id && showTimeline(id), waiting.retryAfter * 1000);
  }
  say('timeline-message', notes.join(' '), waiting ? 'warn' : '');
}

function renderTimeline(deletion, receipt, ended, statuses, deadLetters) {
  const entries = [];
  const add = (at, text, kind) => { if (at) entries.push({ at, text, kind }); };
  add(deletion.requestedAt, 'Requested by ' + deletion.requestedBy + ' (' + deletion.scope + (deletion.target ? ' ' + deletion.target : '') + ', ' + deletion.blocks + ' blocks)');
  add(deletion.purgeAfter, 'Grace period ends: Google may be called from now on');
  add(deletion.restoredAt, 'Restored');
  const byBlock = new Map(ended.map(b => [b.blockId, b]));
  for (const status of statuses) {
    const block = shortId(status.blockId);
    add(status.softDeletedAt, 'Block ' + block + ' soft-deleted (hidden)');
    if (!byBlock.has(status.blockId)) {
      add(status.confirmedAt, 'Block ' + block + ' hard delete confirmed', 'CONFIRMED');
      if (status.reason) add(status.updatedAt, 'Block ' + block + ' ' + status.state + ': ' + status.reason, status.state);
      if (status.state === HELD) add(status.updatedAt, 'Block ' + block + ' held by a legal hold: no Google call until it is released', HELD);
    }
  }
  for (const block of byBlock.values()) {
    const id = shortId(block.blockId);
    add(block.googleAnsweredAt, 'Google answered ' + (block.googleStatus ?? '') + ' for block ' + id + ' (' + block.outcome + ')');
    add(block.hardDeletedAt, 'Block ' + id + ' hard-deleted and confirmed', 'CONFIRMED');
    add(block.restoredAt, 'Block ' + id + ' restored', 'RESTORED');
    if (block.reason) add(block.googleAnsweredAt || block.softDeletedAt, 'Block ' + id + ' failed: ' + block.reason, 'FAILED');
  }
  for (const letter of deadLetters) {
    add(letter.deadLetteredAt, 'Dead letter for block ' + shortId(letter.blockId) + ': ' + letter.reason + (letter.lastHttpStatus ? ' (Google ' + letter.lastHttpStatus + ')' : ''), 'FAILED');
    add(letter.redrivenAt, 'Redriven by ' + (letter.redrivenBy || 'an admin'));
  }
  if (receipt) add(receipt.completedAt, 'Finished: receipt #' + receipt.sequence + ' sealed', CONFIRMED);
  entries.sort((a, b) => a.at < b.at ? -1 : a.at > b.at ? 1 : 0);
  $('timeline').replaceChildren(...entries.map(e => el('li', { class: e.kind ? 'state-' + e.kind : '' },
    el('time', { datetime: e.at }, time(e.at)), e.text)));
  $('timeline-counts').replaceChildren(...Object.entries(deletion.counts || {}).filter(([, n]) => n > 0)
    .map(([state, n]) => el('span', { class: 'chip state-' + state, 'data-count': state }, state + ' ' + n)));
  const statusOf = new Map(statuses.map(s => [s.blockId, s]));
  rows('timeline-blocks', deletion.items, item => {
    const block = byBlock.get(item.blockId);
    return [el('span', { class: 'id', title: item.blockId }, shortId(item.blockId)),
      el('td', { class: 'state-' + item.state, 'data-block-state': item.blockId }, item.state + (statusOf.get(item.blockId)?.reason ? ' (' + statusOf.get(item.blockId).reason + ')' : '')),
      block ? (block.googleStatus ?? '—') + ' ' + block.outcome : ''];
  });
  renderReceipt(receipt);
  $('timeline-view').hidden = false;
}

function renderReceipt(receipt) {
  if (!receipt) return $('receipt').replaceChildren(el('p', { class: 'muted' }, 'Not finished yet: the receipt is written when the last block has ended.'));
  const totals = Object.entries(receipt.totals || {}).map(([k, v]) => k + ' ' + v).join(', ');
  const fields = [['sequence', '#' + receipt.sequence], ['requested', time(receipt.requestedAt) + ' by ' + receipt.requestedBy],
    ['due by', time(receipt.dueBy)], ['completed', time(receipt.completedAt)], ['totals', totals],
    ['digest', receipt.digest], ['previous', receipt.previousDigest || '(first of this owner)']];
  $('receipt').replaceChildren(el('dl', { class: 'receipt', id: 'receipt-fields' },
    ...fields.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { 'data-receipt': k }, v)])));
}

function addReceipt(receipt) {
  const body = $('receipts').tBodies[0];
  // from the totals, not the blocks: the event of a large receipt leaves its blocks out
  const { blocks, ...byOutcome } = receipt.totals || {};
  const outcomes = Object.entries(byOutcome).filter(([, v]) => v > 0)
    .map(([k, v]) => k.replace(/[A-Z]/g, c => '_' + c).toUpperCase() + ' ' + v);
  body.prepend(el('tr', {}, el('td', {}, time(receipt.completedAt)), el('td', {}, deletionLink(receipt.deletionId)),
    el('td', {}, receipt.scope), el('td', { class: 'num' }, blocks),
    el('td', {}, outcomes.join(', '))));
  while (body.rows.length > LATEST_ROWS) body.deleteRow(-1);
}

// ---------- holds ----------

async function loadHolds() {
  if (!ops.services.apiUrl) return say('holds-message', 'deletion-api\'s URL is not configured (deletion.reconciler.ops.api-url).', 'error');
  const answer = await newest('holds', api('/v1/admin/holds?active=true'));
  if (!answer) return;
  if (!answer.ok) return say('holds-message', failure(answer, 'Legal holds'), 'error');
  if ($('holds').querySelector('[data-release-reason]')) return;
  rows('holds', answer.body, hold => [hold.scope, el('span', { class: 'id', title: hold.ownerId }, shortId(hold.ownerId)),
    [hold.calendarId, hold.blockId && shortId(hold.blockId)].filter(Boolean).join(' / ') || '—', hold.reason,
    time(hold.placedAt) + ' by ' + hold.placedBy, hold.endsAt ? time(hold.endsAt) : 'until released',
    el('td', { class: 'num', 'data-held-blocks': hold.id }, hold.heldBlocks), releaseCell(hold)]);
  if (!answer.body.length && !$('holds-message').textContent) say('holds-message', 'No active holds.');
}

function releaseCell(hold) {
  const cell = el('td', { 'data-hold': hold.id });
  cell.append(el('button', { class: 'secondary', 'data-release': hold.id, onclick: () => {
    const why = el('input', { placeholder: 'why (required)', 'data-release-reason': hold.id, size: 16 });
    const go = el('button', { 'data-release-confirm': hold.id, onclick: async () => {
      if (!why.value.trim()) return say('holds-message', 'A reason is required to release a hold.', 'error');
      const answer = await api('/v1/admin/holds/' + hold.id + '?reason=' + encodeURIComponent(why.value.trim()), { method: 'DELETE' });
      say('holds-message', answer.ok ? 'Hold released; waiting deletions resume.' : failure(answer, 'Releasing the hold'), answer.ok ? 'ok' : 'error');
      cell.replaceChildren();
      loadHolds();
    } }, 'Release');
    cell.replaceChildren(why, go);
  } }, 'Release…'));
  return cell;
}

async function placeHold(event) {
  event.preventDefault();
  const form = $('hold-form');
  const body = { ownerId: form.ownerId.value.trim(), reason: form.reason.value.trim() };
  if (form.calendarId.value.trim()) body.calendarId = form.calendarId.value.trim();
  if (form.blockId.value.trim()) body.blockId = form.blockId.value.trim();
  if (form.endsAt.value) body.endsAt = fromLocalInput(form.endsAt.value);
  const answer = await api('/v1/admin/holds', { method: 'POST', body });
  say('holds-message', answer.ok ? 'Hold placed; it holds ' + answer.body.heldBlocks + ' deleted blocks now.' : failure(answer, 'Placing a hold'), answer.ok ? 'ok' : 'error');
  if (answer.ok) form.reset();
  loadHolds();
}

// ---------- live stream (fetch + reader: EventSource cannot send the token) ----------

async function openStream() {
  const controller = new AbortController();
  ops.stream = controller;
  try {
    const response = await fetch('/v1/ops/stream', { headers: { Authorization: 'Bearer ' + token(), Accept: 'text/event-stream' }, signal: controller.signal });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    live(true);
    // what changed before this stream opened (at sign-in, or while it was down) came as no event: load it now
    reloadEventDrivenPanels();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  } catch (e) {
    if (controller.signal.aborted) return;
  }
  live(false);
  if (ops.stream === controller) setTimeout(() => token() && openStream(), 3000);
}

/** One SSE block: "event:" names it, "data:" lines are joined, ":" lines are comments. */
function dispatch(block) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (!data.length) return;
  const payload = JSON.parse(data.join('\n'));
  if (name === 'summary') { say('summary-message', ''); showSummary(payload); addToHistory(payload); }
  else if (name === 'orphan') later('orphans', loadOrphans);
  else if (name === 'receipt') { addReceipt(payload); if (payload.deletionId === ops.timelineId) later('timeline', () => showTimeline(ops.timelineId)); }
  else if (name === 'status') onStatuses(payload);
}

function onStatuses(payload) {
  ops.statusChanges += payload.statuses.length + payload.omitted;
  $('live').title = ops.statusChanges + ' status changes seen';
  if (payload.statuses.some(s => s.deletionId === ops.timelineId)) later('timeline', () => showTimeline(ops.timelineId));
  // a redriven dead letter or a late confirmation ends as a status change, and may close an orphan; a block deleted
  // under a hold, or let go by a release, changes that hold's count of held blocks
  if (payload.statuses.length) reloadEventDrivenPanels();
}

/** The panels that status changes can change, each reloaded at most once a second. */
function reloadEventDrivenPanels() {
  later('dead-letters', loadDeadLetters);
  later('orphans', loadOrphans);
  later('holds', loadHolds);
}

const pending = {};
/** Coalesces reloads triggered by bursts of events (and retries): one pending run per key. */
function later(key, action, delay = 1000) {
  if (pending[key]) return;
  pending[key] = setTimeout(() => { delete pending[key]; action(); }, delay);
}

function live(on) {
  $('live').textContent = on ? 'live' : 'offline';
  $('live').className = 'badge ' + (on ? 'on' : 'off');
}

// ---------- sign-in ----------

async function start() {
  const services = await reconciler('/v1/ops/services');
  if (!services.ok) {
    const refused = services.status === 401 || services.status === 403;
    if (refused) sessionStorage.removeItem(TOKEN_KEY);
    say('login-message', refused ? 'That token is not an admin token (HTTP ' + services.status + ').' : failure(services, 'Loading the dashboard'), 'error');
    return;
  }
  ops.services = services.body;
  say('login-message', '');
  $('login').hidden = true;
  $('sign-out').hidden = false;
  $('dashboard').hidden = false;
  loadSummary();
  const history = await reconciler('/v1/ops/history');
  if (history.ok) { ops.history = history.body.slice(-HISTORY_POINTS - 1); drawCharts(); }
  loadOrphans();
  await loadDeadLetters();
  loadHolds();
  openStream();
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  if (ops.stream) ops.stream.abort();
  ops.stream = null;
  live(false);
  $('dashboard').hidden = true;
  $('login').hidden = false;
  $('sign-out').hidden = true;
}

document.addEventListener('DOMContentLoaded', () => {
  $('login').addEventListener('submit', event => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
    $('token').value = '';
    start();
  });
  $('sign-out').addEventListener('click', signOut);
  $('redrive-filter').addEventListener('submit', filteredDryRun);
  $('redrive-confirm').addEventListener('click', filteredRedrive);
  $('redrive-filter').addEventListener('input', forgetDryRun);
  $('timeline-form').addEventListener('submit', event => { event.preventDefault(); showTimeline($('timeline-id').value); });
  $('hold-form').addEventListener('submit', placeHold);
  if (token()) start();
});
