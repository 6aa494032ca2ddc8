// sfbulk ui: the page of 'sfbulk ui'. Plain JavaScript, no build step, nothing loaded from the internet.
// Every change is a POST carrying the anti-forgery token; live data comes from server-sent events the server feeds
// from the library's watcher, so an open page never polls Salesforce itself.
'use strict';

const session = { token: '', header: 'X-SfBulk-Csrf', refreshSeconds: 30 };
let leavePage = () => {};

// ---------- small helpers ----------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const main = () => document.getElementById('main');

// Replaces a node's children, flattening arrays and leaving out null and false.
function fill(node, ...children) {
  node.replaceChildren(...children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false));
}

// A labelled control: the label names the control alone (not the options inside it).
function field(label, control, ...extra) {
  return el('div', { class: 'field' }, el('label', { for: control.id, text: label }), control, ...extra);
}
const fmt = new Intl.NumberFormat('en-US');
const num = n => (n === undefined || n === null ? '—' : fmt.format(n));

function age(seconds) {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86400)} d ${Math.floor((seconds % 86400) / 3600)} h`;
}

function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function clock(iso) {
  return iso ? new Date(iso).toLocaleTimeString('en-GB', { hour12: false }) : '—';
}

function stateBadge(state) {
  return el('span', { class: `state ${String(state).toLowerCase()}`, text: state });
}

function announce(text) {
  const a = document.getElementById('announcer');
  a.textContent = '';
  setTimeout(() => { a.textContent = text; }, 30);
}

async function api(path, options = {}) {
  const init = { method: options.method || 'GET', headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (init.method !== 'GET') {
    init.headers[session.header] = session.token;
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body || {});
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let body;
  try { body = text ? JSON.parse(text) : {}; } catch { body = { error: { errorCode: `HTTP ${response.status}`, message: text } }; }
  if (!response.ok && !body.error) body.error = { errorCode: `HTTP ${response.status}`, message: text };
  return body;
}

// ---------- the confirm step (role dialog, with a button named "Confirm") ----------
function confirmStep(title, lines) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  const text = document.getElementById('confirm-text');
  fill(text, ...lines.map(line => el('p', { text: line })));
  const opener = document.activeElement;
  return new Promise(resolve => {
    dialog.returnValue = 'cancel';
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm');
      if (opener && document.contains(opener)) opener.focus();
    }, { once: true });
    dialog.showModal();
    document.getElementById('confirm-cancel').focus();
  });
}

function actionLines(action, job) {
  if (action === 'close' && job.awaitingUpload) {
    return [
      `Bulk API 2.0 ingest job ${job.id} is Open: its upload was never marked complete.`,
      'Closing it marks the upload complete (UploadComplete): completing it makes Salesforce process the data uploaded so far.',
      'If the data is incomplete or unwanted, abort the job instead.',
    ];
  }
  if (action === 'close') {
    return [`Close job ${job.id} (${job.object}, ${job.operation})?`, 'Closing stops new batches; queued batches still run.'];
  }
  if (action === 'abort') {
    return [`Abort job ${job.id} (${job.object}, ${job.operation})?`, 'Aborting drops batches not yet processed; batches already running finish.'];
  }
  return [
    `Close job ${job.id} when its last batch is done?`,
    'The server watches the job (polling as sparingly as sfbulk watch) and closes it right after its last chunk batch finishes. It keeps going if you close or reload this page; stop sfbulk ui to stop it.',
  ];
}

// Runs Close or Abort after the confirm step; shows the JobInfo afterwards, or Salesforce's error code and message.
async function runAction(action, job, resultHost) {
  const verb = action === 'close' ? 'Close' : 'Abort';
  if (!await confirmStep(`${verb} job?`, actionLines(action, job))) return null;
  const body = await api(`/api/jobs/${encodeURIComponent(job.id)}/${action}`, { method: 'POST' });
  showResult(resultHost, action, job.id, body);
  return body;
}

function showResult(host, action, jobId, body) {
  if (!host) return;
  const verb = action === 'close' ? 'Close' : action === 'abort' ? 'Abort' : 'Close when done';
  if (body.error) {
    fill(host, el('section', { class: 'panel result error', role: 'alert', 'aria-labelledby': 'result-title' },
      el('h2', { id: 'result-title', text: `${verb} of ${jobId} failed` }),
      el('dl', { class: 'fields' },
        el('dt', { text: 'Error code' }), el('dd', { text: body.error.errorCode || '—' }),
        body.error.statusCode ? [el('dt', { text: 'HTTP status' }), el('dd', { text: String(body.error.statusCode) })] : null,
        el('dt', { text: 'Message' }), el('dd', { text: body.error.message || '' }))));
    announce(`${verb} failed: ${body.error.errorCode || ''} ${body.error.message || ''}`);
    return;
  }
  const job = body.job;
  fill(host, el('section', { class: 'panel result', role: 'status', 'aria-labelledby': 'result-title' },
    el('h2', { id: 'result-title', text: `${verb}: ${body.outcome} — job ${job.id} is now ${job.state}` }),
    jobFields(job, true)));
  announce(`Job ${job.id} is now ${job.state}.`);
}

// ---------- JobInfo fields, with units ----------
const fieldRows = [
  ['id', 'Job id'], ['object', 'Object'], ['operation', 'Operation'], ['state', 'State'], ['api', 'API'],
  ['createdById', 'Created by'], ['createdDate', 'Created', 'date'], ['systemModstamp', 'Last modified', 'date'],
  ['concurrencyMode', 'Concurrency mode'], ['contentType', 'Content type'], ['externalIdFieldName', 'External id field'],
  ['numberBatchesQueued', 'Batches queued', 'batches'], ['numberBatchesInProgress', 'Batches in progress', 'batches'],
  ['numberBatchesCompleted', 'Batches completed', 'batches'], ['numberBatchesFailed', 'Batches failed', 'batches'],
  ['numberBatchesTotal', 'Batches total', 'batches'], ['numberRecordsProcessed', 'Records processed', 'records'],
  ['numberRecordsFailed', 'Records failed', 'records'], ['numberRetries', 'Retries', 'retries'], ['retries', 'Retries (2.0)', 'retries'],
  ['totalProcessingTime', 'Total processing time', 'ms'], ['apiActiveProcessingTime', 'API active processing time', 'ms'],
  ['apexProcessingTime', 'Apex processing time', 'ms'], ['apiVersion', 'API version'], ['assignmentRuleId', 'Assignment rule id'],
  ['fastPathEnabled', 'Fast path enabled'], ['jobType', 'Job type'], ['contentUrl', 'Content URL'], ['lineEnding', 'Line ending'],
  ['columnDelimiter', 'Column delimiter'], ['isPkChunkingSupported', 'PK chunking supported'], ['query', 'Query'],
  ['errorMessage', 'Error message'],
];

function fieldValue(job, key, unit) {
  const value = job[key];
  if (key === 'state') return stateBadge(value);
  if (key === 'createdById') return job.createdByName && job.createdByName !== value ? `${job.createdByName} (${value})` : value;
  if (unit === 'date') return time(value);
  if (unit === 'ms') return `${num(value)} ms${value >= 1000 ? ` (${(value / 1000).toFixed(1)} s)` : ''}`;
  if (unit) return `${num(value)} ${unit}`;
  if (key === 'apiVersion') return Number(value).toFixed(1);
  return typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
}

function jobFields(job, compact) {
  const keys = compact
    ? fieldRows.filter(([k]) => ['id', 'state', 'object', 'operation', 'numberBatchesTotal', 'numberBatchesCompleted', 'numberBatchesFailed', 'numberRecordsProcessed', 'numberRecordsFailed', 'systemModstamp'].includes(k))
    : fieldRows;
  return el('dl', { class: 'fields' }, keys.filter(([k]) => job[k] !== undefined && job[k] !== null)
    .map(([k, label, unit]) => [el('dt', { text: label }), el('dd', {}, fieldValue(job, k, unit))]));
}

// ---------- Jobs page ----------
const jobFilters = { state: '', api: '', object: '', olderThan: '', createdBy: '', pk: false, open: false, sort: 'age', dir: 'asc', page: 1, pageSize: 50 };
try { Object.assign(jobFilters, JSON.parse(sessionStorage.getItem('sfbulk.jobs') || '{}')); } catch { /* defaults */ }

function jobsPage() {
  const root = main();
  const result = el('div', { id: 'action-result' });
  const status = el('div', { class: 'status-line', role: 'status' });
  const counts = el('div', { class: 'panel', 'aria-labelledby': 'open-title' });
  const tableHost = el('div');
  const pager = el('div', { class: 'pager' });
  let data = null;
  let timer = 0;
  let loads = 0;
  let live = true;

  const stateSelect = el('select', { id: 'f-state', name: 'state' },
    ['', 'Open', 'Closed', 'Aborted', 'Failed', 'UploadComplete', 'InProgress', 'JobComplete'].map(s => el('option', { value: s, text: s || 'Any state' })));
  const apiSelect = el('select', { id: 'f-api', name: 'api' },
    [['', 'Any API'], ['Classic', 'Classic (Bulk API 1.0)'], ['V2Ingest', 'V2Ingest (Bulk API 2.0)'], ['V2Query', 'V2Query (Bulk API 2.0)']].map(([v, t]) => el('option', { value: v, text: t })));
  const objectInput = el('input', { id: 'f-object', name: 'object', type: 'text', list: 'objects', autocomplete: 'off', placeholder: 'e.g. Account' });
  const objectList = el('datalist', { id: 'objects' });
  const ageSelect = el('select', { id: 'f-age', name: 'olderThan' },
    [['', 'Any age'], ['3600', 'Older than 1 hour'], ['86400', 'Older than 24 hours'], ['604800', 'Older than 7 days'], ['2592000', 'Older than 30 days']].map(([v, t]) => el('option', { value: v, text: t })));
  const creatorSelect = el('select', { id: 'f-creator', name: 'createdBy' }, el('option', { value: '', text: 'Anyone' }));
  const pkCheck = el('input', { id: 'f-pk', type: 'checkbox', name: 'pk' });
  const openCheck = el('input', { id: 'f-open', type: 'checkbox', name: 'open' });

  const sync = () => {
    stateSelect.value = jobFilters.state; apiSelect.value = jobFilters.api; objectInput.value = jobFilters.object;
    ageSelect.value = jobFilters.olderThan; pkCheck.checked = jobFilters.pk; openCheck.checked = jobFilters.open;
  };
  const changed = () => {
    Object.assign(jobFilters, {
      state: stateSelect.value, api: apiSelect.value, object: objectInput.value.trim(), olderThan: ageSelect.value,
      createdBy: creatorSelect.value, pk: pkCheck.checked, open: openCheck.checked, page: 1,
    });
    load(false);
  };
  for (const control of [stateSelect, apiSelect, ageSelect, creatorSelect, pkCheck, openCheck]) control.addEventListener('change', changed);
  let typing = 0;
  objectInput.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(changed, 250); });

  const refreshButton = el('button', { type: 'button', text: 'Refresh now', onclick: () => load(true) });
  const resetButton = el('button', {
    type: 'button', text: 'Clear filters', onclick: () => {
      Object.assign(jobFilters, { state: '', api: '', object: '', olderThan: '', createdBy: '', pk: false, open: false, page: 1 });
      sync(); creatorSelect.value = ''; load(false);
    },
  });

  fill(root, 
    el('h1', { text: 'Bulk Data Load Jobs' }),
    result,
    counts,
    el('section', { class: 'panel', 'aria-labelledby': 'filters-title' },
      el('h2', { id: 'filters-title', class: 'visually-hidden', text: 'Filters' }),
      el('form', { class: 'filters', onsubmit: e => { e.preventDefault(); changed(); } },
        field('State', stateSelect),
        field('API', apiSelect),
        field('Object', objectInput, objectList),
        field('Age', ageSelect),
        field('Created by', creatorSelect),
        el('label', { class: 'check', for: 'f-pk' }, pkCheck, 'PK chunking only'),
        el('label', { class: 'check', for: 'f-open' }, openCheck, 'Open jobs only'),
        resetButton)),
    status,
    tableHost,
    pager);
  sync();

  function query(refresh) {
    const q = new URLSearchParams();
    for (const key of ['state', 'api', 'object', 'olderThan', 'createdBy', 'sort', 'dir']) if (jobFilters[key]) q.set(key, jobFilters[key]);
    if (jobFilters.pk) q.set('pk', 'true');
    if (jobFilters.open) q.set('open', 'true');
    q.set('page', jobFilters.page); q.set('pageSize', jobFilters.pageSize);
    if (refresh) q.set('refresh', 'true');
    return q.toString();
  }

  async function load(refresh) {
    sessionStorage.setItem('sfbulk.jobs', JSON.stringify(jobFilters));
    clearTimeout(timer);
    const ticket = ++loads;
    const body = await api(`/api/jobs?${query(refresh)}`);
    // Only the newest request renders: an older answer arriving late would show stale filters.
    if (!live || ticket !== loads) return;
    if (body.error) {
      fill(status, el('span', { role: 'alert', text: `Could not list jobs: ${body.error.errorCode} ${body.error.message}` }));
    } else {
      data = body;
      render();
    }
    timer = setTimeout(() => load(true), session.refreshSeconds * 1000);
  }

  function render() {
    const d = data;
    jobFilters.page = d.page;
    fill(status, 
      el('span', { id: 'listed-count', text: `${num(d.matched)} of ${num(d.total)} jobs match` }),
      el('span', { id: 'last-refresh' }, 'Last refreshed ', el('time', { datetime: d.listedAt || '', text: clock(d.listedAt) }),
        ` (every ${session.refreshSeconds} s; ${num(d.listings)} listing${d.listings === 1 ? '' : 's'} so far)`),
      d.listingError ? el('span', { role: 'alert', text: `Last refresh failed: ${d.listingError}` }) : null,
      refreshButton);

    fill(counts, 
      el('h2', { id: 'open-title', text: `Open jobs by age: ${num(d.open)} open` }),
      el('ul', { class: 'counts' }, d.openByAge.map(b => el('li', {},
        el('button', {
          type: 'button', 'aria-label': `${b.count} open jobs ${b.label}: show them`,
          onclick: () => { Object.assign(jobFilters, { open: true, olderThan: b.minSeconds ? String(b.minSeconds) : '', page: 1 }); sync(); load(false); },
        }, el('strong', { text: num(b.count) }), ` ${b.label}`)))));

    const current = creatorSelect.value || jobFilters.createdBy;
    fill(creatorSelect, el('option', { value: '', text: 'Anyone' }),
      d.creators.map(c => el('option', { value: c.id, text: `${c.name} (${num(c.count)})` })));
    creatorSelect.value = current;
    fill(objectList, ...d.objects.map(o => el('option', { value: o })));

    const columns = [
      ['id', 'Job id'], [null, 'Actions'], ['object', 'Object'], ['operation', 'Operation'], ['state', 'State'], ['api', 'API'],
      [null, 'PK chunking'], ['createdBy', 'Created by'], ['age', 'Age'], ['batches', 'Batches done / total', 'num'],
      ['records', 'Records processed / failed', 'num'],
    ];
    const head = el('tr', {}, columns.map(([key, label, cls]) => {
      if (!key) return el('th', { scope: 'col', class: cls, text: label });
      const sorted = jobFilters.sort === key;
      return el('th', { scope: 'col', class: cls, 'aria-sort': sorted ? (jobFilters.dir === 'desc' ? 'descending' : 'ascending') : null },
        el('button', {
          type: 'button', text: label, title: `Sort by ${label}`,
          onclick: () => { jobFilters.dir = sorted && jobFilters.dir === 'asc' ? 'desc' : 'asc'; jobFilters.sort = key; load(false); },
        }));
    }));
    const rows = d.jobs.map(job => el('tr', { 'data-job-id': job.id },
      el('td', {}, el('a', { href: `#/jobs/${job.id}`, text: job.id })),
      el('td', {}, el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'row-close', disabled: !job.canClose, title: `Close job ${job.id}`, text: 'Close', onclick: () => act('close', job) }),
        el('button', { type: 'button', class: 'row-abort danger', disabled: !job.canAbort, title: `Abort job ${job.id}`, text: 'Abort', onclick: () => act('abort', job) }))),
      el('td', { text: job.object }),
      el('td', { text: job.operation }),
      el('td', {}, stateBadge(job.state), job.awaitingUpload ? el('div', { class: 'note', text: 'upload not complete' }) : null),
      el('td', { text: job.api }),
      el('td', { text: job.pkChunking === true ? 'yes' : job.pkChunking === false ? 'no' : '—', title: job.pkChunking === undefined ? "Salesforce's job list does not say; use the filter or open the job" : null }),
      el('td', { text: job.createdBy }),
      el('td', { text: age(job.ageSeconds), title: time(job.createdDate) }),
      el('td', { class: 'num', text: job.batchesTotal === undefined ? '—' : `${num(job.batchesDone)} / ${num(job.batchesTotal)}` }),
      el('td', { class: 'num', text: job.recordsProcessed === undefined ? '—' : `${num(job.recordsProcessed)} / ${num(job.recordsFailed)}` }),
    ));
    fill(tableHost, el('div', { class: 'table-wrap' },
      el('table', { id: 'jobs-table' },
        el('caption', { class: 'visually-hidden', text: 'Jobs, sortable by column' }),
        el('thead', {}, head),
        el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: String(columns.length), text: 'No job matches the filters.' }))))),
    el('p', { class: 'note', text: "Batch and record counts come from each job's last full read (Salesforce's job list does not carry them): open a job to read them." }));

    const sizeSelect = el('select', { id: 'page-size', onchange: e => { jobFilters.pageSize = Number(e.target.value); jobFilters.page = 1; load(false); } },
      [25, 50, 100, 200, 500].map(n => el('option', { value: String(n), text: `${n} per page`, selected: n === jobFilters.pageSize })));
    fill(pager, 
      el('button', { type: 'button', text: 'Previous page', disabled: d.page <= 1, onclick: () => { jobFilters.page = d.page - 1; load(false); } }),
      el('span', { text: `Page ${num(d.page)} of ${num(d.pages)}` }),
      el('button', { type: 'button', text: 'Next page', disabled: d.page >= d.pages, onclick: () => { jobFilters.page = d.page + 1; load(false); } }),
      el('label', { for: 'page-size', class: 'visually-hidden', text: 'Jobs per page' }), sizeSelect);
  }

  async function act(action, job) {
    const body = await runAction(action, job, result);
    if (body) load(false);
  }

  load(false);
  return () => { live = false; clearTimeout(timer); };
}

// ---------- Job page ----------
function jobPage(jobId) {
  const root = main();
  const result = el('div', { id: 'action-result' });
  const head = el('div');
  const progressHost = el('section', { class: 'panel', 'aria-labelledby': 'progress-title' });
  const fieldsHost = el('section', { class: 'panel', 'aria-labelledby': 'fields-title' });
  const batchesHost = el('section', { class: 'panel', 'aria-labelledby': 'batches-title' });
  fill(root, 
    el('p', {}, el('a', { href: '#/jobs', text: '← All jobs' })),
    el('h1', { text: `Job ${jobId}` }),
    head, result, progressHost,
    fieldsHost, batchesHost);
  fill(head, el('p', { class: 'note', role: 'status', text: 'Reading the job…' }));

  let feed = null;
  const source = new EventSource(`/api/jobs/${encodeURIComponent(jobId)}/events`);
  source.onmessage = e => { feed = JSON.parse(e.data); render(); };
  source.onerror = () => { if (feed) renderLive(false); };

  function liveText(f) {
    if (f.closeWhenDone.active) return `Close when done: waiting for the last batch (next poll ${clock(f.progress?.nextPollAt)})`;
    if (f.watching) return `Live: the server watches the job (next poll ${clock(f.progress?.nextPollAt)})`;
    return 'Not watching: the job is not running';
  }

  function renderLive(connected) {
    const line = document.getElementById('live-line');
    if (line) { line.classList.toggle('off', !connected || !feed?.watching); if (!connected) line.textContent = 'Disconnected from sfbulk ui; reconnecting…'; }
  }

  function render() {
    const f = feed;
    if (f.error && !f.job) {
      fill(head, el('section', { class: 'panel result error', role: 'alert' },
        el('h2', { text: 'Could not read the job' }),
        el('dl', { class: 'fields' }, el('dt', { text: 'Error code' }), el('dd', { text: f.error.errorCode || '—' }), el('dt', { text: 'Message' }), el('dd', { text: f.error.message }))));
      return;
    }
    const job = f.job;
    if (!job) return;
    const isClassic = job.api === 'Classic';
    const pending = f.progress ? f.progress.batchesQueued + f.progress.batchesInProgress : 0;
    const canWait = isClassic && job.state === 'Open' && !f.closeWhenDone.active && (pending > 0 || job.isQuery) && !f.progress?.final;
    fill(head, 
      el('div', { class: 'status-line' },
        stateBadge(job.state), el('span', { text: `${job.api} · ${job.operation} · ${job.object} · created by ${job.createdByName} · ${age(f.ageSeconds)} old` })),
      el('div', { class: 'status-line' },
        el('span', { id: 'live-line', class: `live${f.watching ? '' : ' off'}`, role: 'status', text: liveText(f) }),
        el('span', { id: 'calls', text: `API calls by this page: ${num(f.calls)}` })),
      el('div', { class: 'actions', role: 'group', 'aria-label': 'Job actions' },
        el('button', { type: 'button', disabled: !job.canClose, text: 'Close', onclick: () => runAction('close', job, result) }),
        el('button', { type: 'button', class: 'danger', disabled: !job.canAbort, text: 'Abort', onclick: () => runAction('abort', job, result) }),
        isClassic ? el('button', { type: 'button', class: 'primary', disabled: !canWait, text: 'Close when done', onclick: closeWhenDone }) : null),
      closeWhenDoneStatus(f));
    renderProgress(f);
    fill(fieldsHost, el('h2', { id: 'fields-title', text: 'JobInfo' }), jobFields(job, false));
    renderBatches(f);
  }

  function closeWhenDoneStatus(f) {
    const r = f.closeWhenDone.result;
    if (f.closeWhenDone.active) {
      return el('p', { class: 'panel', role: 'status', id: 'cwd-status', text: `Close when done is on: the server closes this job right after its last batch. Watcher API calls so far: ${num(f.progress?.watcherCalls ?? 0)}.` });
    }
    if (r) {
      const delay = r.closeDelaySeconds !== undefined ? ` ${r.closeDelaySeconds} s after the last batch finished` : '';
      return el('p', { class: `panel result${r.outcome === 'Closed' ? '' : ' error'}`, role: 'status', id: 'cwd-status' },
        `Close when done: ${r.outcome}${delay}. ${r.message} (${num(r.calls)} API calls)`);
    }
    return null;
  }

  async function closeWhenDone() {
    if (!await confirmStep('Close when done?', actionLines('wait', feed.job))) return;
    const body = await api(`/api/jobs/${encodeURIComponent(jobId)}/close-when-done`, { method: 'POST' });
    if (body.error) showResult(result, 'wait', jobId, body);
    else announce('Close when done is on.');
  }

  function renderProgress(f) {
    const p = f.progress;
    const job = f.job;
    const parts = [el('h2', { id: 'progress-title', text: job.api === 'Classic' ? 'Batches' : 'Progress' })];
    if (p && job.api === 'Classic' && p.batchesTotal > 0) {
      const pct = n => `${(100 * n / p.batchesTotal).toFixed(2)}%`;
      const chunked = p.batchesNotProcessed > 0 && job.isQuery;
      const label = chunked
        ? `${num(p.batchesDone)} of ${num(p.batchesTotal)} batches done: ${num(p.batchesTotal - p.batchesNotProcessed)} chunk batches plus the NotProcessed original`
        : `${num(p.batchesDone)} of ${num(p.batchesTotal)} batches done`;
      parts.push(
        el('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(p.batchesTotal), 'aria-valuenow': String(p.batchesDone), 'aria-valuetext': label, 'aria-label': 'Batch progress' },
          el('span', { class: 'completed', style: null, 'data-w': pct(p.batchesCompleted) }),
          el('span', { class: 'failed', 'data-w': pct(p.batchesFailed) }),
          el('span', { class: 'notprocessed', 'data-w': pct(p.batchesNotProcessed) }),
          el('span', { class: 'inprogress', 'data-w': pct(p.batchesInProgress) })),
        el('p', { id: 'progress-text', text: label }),
        el('ul', { class: 'legend' },
          el('li', {}, el('i', { class: 'completed' }), `Completed ${num(p.batchesCompleted)}`),
          el('li', {}, el('i', { class: 'failed' }), `Failed ${num(p.batchesFailed)}`),
          el('li', {}, el('i', { class: 'notprocessed' }), `NotProcessed ${num(p.batchesNotProcessed)}`),
          el('li', {}, el('i', { class: 'inprogress' }), `In progress ${num(p.batchesInProgress)}`),
          el('li', {}, el('i', { class: 'queued' }), `Queued ${num(p.batchesQueued)}`)),
        chunked ? el('p', { class: 'note', id: 'notprocessed-note', text: 'PK chunking: the original batch ends NotProcessed on purpose. Salesforce split its query into the chunk batches, which do the work; NotProcessed counts as done.' }) : null);
    } else if (p) {
      parts.push(el('p', { text: `${num(p.recordsProcessed)} records processed, ${num(p.recordsFailed)} failed.` }));
    }
    if (p?.estimatedFinishAt && f.watching) parts.push(el('p', { class: 'note', text: `Estimated to finish at ${clock(p.estimatedFinishAt)}.` }));
    if (p?.note) parts.push(el('p', { class: 'note', text: p.note }));
    if (p?.final) parts.push(el('p', { class: 'note', id: 'final-note', text: p.final.message }));
    if (f.error) parts.push(el('p', { role: 'alert', text: `Watching stopped: ${f.error.errorCode || ''} ${f.error.message}` }));
    fill(progressHost, ...parts);
    // Widths set through the CSSOM: the CSP allows no inline style attributes.
    for (const span of progressHost.querySelectorAll('.bar span')) span.style.width = span.dataset.w;
  }

  function renderBatches(f) {
    const parts = [el('h2', { id: 'batches-title', text: 'Batch list' })];
    if (f.job.api !== 'Classic') {
      parts.push(el('p', { class: 'note', text: 'Bulk API 2.0 jobs have no batch list.' }));
      fill(batchesHost, ...parts);
      return;
    }
    const readButton = el('button', {
      type: 'button', text: 'Read the batch list now (1 API call)',
      onclick: async () => { readButton.disabled = true; const b = await api(`/api/jobs/${encodeURIComponent(jobId)}/batches`, { method: 'POST' }); if (b.error) showResult(result, 'read', jobId, b); readButton.disabled = false; },
    });
    if (!f.batches) {
      parts.push(el('p', { class: 'note', text: 'Not read yet: the watcher reads the batch list when it needs it (near the end); the bar above comes from the job\'s counts.' }), readButton);
      fill(batchesHost, ...parts);
      return;
    }
    parts.push(el('p', { class: 'note', text: `As read at ${clock(f.batchesReadAt)}.` }), readButton);
    const rows = f.batches.map((b, i) => el('tr', {},
      el('td', { text: b.id }),
      el('td', {}, stateBadge(b.state)),
      el('td', { class: 'wrap', text: b.state === 'NotProcessed' && i === 0 && f.job.isQuery
        ? 'PK chunking original: Salesforce split its query into the chunk batches below; NotProcessed is expected.'
        : (b.stateMessage || '') }),
      el('td', { class: 'num', text: num(b.numberRecordsProcessed) }),
      el('td', { class: 'num', text: num(b.numberRecordsFailed) }),
      el('td', { class: 'num', text: `${num(b.totalProcessingTime)} ms` }),
      el('td', { text: time(b.createdDate) })));
    parts.push(el('div', { class: 'table-wrap' }, el('table', { id: 'batches-table' },
      el('thead', {}, el('tr', {}, ['Batch id', 'State', 'Note', 'Records processed', 'Records failed', 'Processing time', 'Created'].map((t, i) => el('th', { scope: 'col', class: i >= 3 && i <= 5 ? 'num' : null, text: t })))),
      el('tbody', {}, rows))));
    fill(batchesHost, ...parts);
  }

  return () => source.close();
}

// ---------- Sweep page ----------
function sweepPage() {
  const root = main();
  const planHost = el('div');
  const runHost = el('div');
  let source = null;
  const action = el('select', { id: 's-action' }, el('option', { value: 'close', text: 'Close (queued batches still run)' }), el('option', { value: 'abort', text: 'Abort (drops unprocessed batches)' }));
  const age = el('select', { id: 's-age' },
    [['0', 'Any age'], ['3600', 'Older than 1 hour'], ['86400', 'Older than 24 hours'], ['604800', 'Older than 7 days'], ['2592000', 'Older than 30 days']].map(([v, t]) => el('option', { value: v, text: t, selected: v === '3600' })));
  const object = el('input', { id: 's-object', type: 'text', placeholder: 'Any object' });
  const creator = el('select', { id: 's-creator' }, el('option', { value: '', text: 'Anyone' }));
  api('/api/jobs?pageSize=1').then(d => {
    if (d.creators) creator.append(...d.creators.map(c => el('option', { value: c.id, text: `${c.name} (${num(c.count)})` })));
  });
  const jobType = el('select', { id: 's-type' }, [['', 'Any API'], ['Classic', 'Classic (Bulk API 1.0)'], ['V2Ingest', 'V2Ingest'], ['V2Query', 'V2Query']].map(([v, t]) => el('option', { value: v, text: t })));
  const pk = el('input', { id: 's-pk', type: 'checkbox' });
  const running = el('input', { id: 's-running', type: 'checkbox' });
  const uploads = el('input', { id: 's-uploads', type: 'checkbox' });
  const planButton = el('button', { type: 'submit', class: 'primary', text: 'Plan (dry run)' });

  fill(root, 
    el('h1', { text: 'Sweep: close or abort many jobs' }),
    el('section', { class: 'panel', 'aria-labelledby': 'sweep-filters' },
      el('h2', { id: 'sweep-filters', text: '1. Which jobs' }),
      el('form', { class: 'filters', onsubmit: e => { e.preventDefault(); plan(); } },
        field('Action', action),
        field('Age', age),
        field('Object', object),
        field('Created by', creator),
        field('API', jobType),
        el('label', { class: 'check', for: 's-pk' }, pk, 'PK chunking only'),
        el('label', { class: 'check', for: 's-running' }, running, 'Include jobs with batches still running'),
        el('label', { class: 'check', for: 's-uploads' }, uploads, 'Complete the uploads of open Bulk API 2.0 ingest jobs (Salesforce then processes their data)'),
        planButton),
      el('p', { class: 'note', text: 'By default a sweep leaves jobs younger than 1 hour and open Bulk API 2.0 ingest jobs (their upload never completed) alone.' }),
      el('p', { class: 'note', text: 'The plan is a dry run: it lists each open job that matches and what the sweep would do, or why it skips it. Nothing changes until you confirm.' })),
    planHost, runHost);

  async function plan() {
    planButton.disabled = true;
    fill(runHost, );
    fill(planHost, el('p', { role: 'status', text: 'Planning…' }));
    const body = await api('/api/sweeps', {
      method: 'POST',
      body: { action: action.value, olderThanSeconds: Number(age.value), object: object.value, createdBy: creator.value, jobType: jobType.value, pkChunking: pk.checked, includeRunning: running.checked, completeUploads: uploads.checked },
    });
    planButton.disabled = false;
    if (body.error) {
      fill(planHost, el('section', { class: 'panel result error', role: 'alert' }, el('h2', { text: 'Could not plan' }), el('p', { text: `${body.error.errorCode || ''} ${body.error.message}` })));
      return;
    }
    renderPlan(body);
  }

  function renderPlan(run) {
    const p = run.plan;
    const acting = run.action === 'abort' ? p.toAbort : p.toClose;
    const runButton = el('button', {
      type: 'button', class: 'primary', disabled: acting === 0, text: `${run.action === 'abort' ? 'Abort' : 'Close'} ${acting} job${acting === 1 ? '' : 's'}…`,
      onclick: async () => {
        const lines = run.action === 'abort'
          ? [`Abort ${acting} job${acting === 1 ? '' : 's'}?`, 'Aborting drops batches not yet processed.']
          : [`Close ${acting} job${acting === 1 ? '' : 's'}?`, 'Closing stops new batches; queued batches still run.'];
        if (!await confirmStep('Run the sweep?', lines)) return;
        runButton.disabled = true;
        const started = await api(`/api/sweeps/${run.id}/run`, { method: 'POST' });
        if (started.error) { fill(runHost, el('p', { role: 'alert', text: `${started.error.errorCode} ${started.error.message}` })); return; }
        follow(run.id);
      },
    });
    fill(planHost, el('section', { class: 'panel', 'aria-labelledby': 'plan-title' },
      el('h2', { id: 'plan-title', text: '2. Plan' }),
      el('p', { id: 'plan-summary', text: `${num(p.matched)} open job${p.matched === 1 ? '' : 's'} match (of ${num(p.listed)} listed): ${num(p.toClose)} to close, ${num(p.toAbort)} to abort, ${num(p.toSkip)} skipped; ${num(p.calls)} API calls.` }),
      el('div', { class: 'table-wrap' }, el('table', { id: 'plan-table' },
        el('thead', {}, el('tr', {}, ['Job id', 'API', 'Object', 'Operation', 'State', 'Created by', 'Age', 'Plan', 'Why skipped'].map(t => el('th', { scope: 'col', text: t })))),
        el('tbody', {}, p.entries.map(e => el('tr', { 'data-job-id': e.jobId },
          el('td', {}, el('a', { href: `#/jobs/${e.jobId}`, text: e.jobId })), el('td', { text: e.api }), el('td', { text: e.object }),
          el('td', { text: e.operation }), el('td', {}, stateBadge(e.state)), el('td', { text: e.createdBy }),
          el('td', { text: ageText(e.ageSeconds) }), el('td', { text: e.decision }), el('td', { class: 'wrap', text: e.skipReason || '' })))))),
      el('p', {}, runButton)));
  }

  function follow(id) {
    source?.close();
    source = new EventSource(`/api/sweeps/${id}/events`);
    source.onmessage = e => {
      const run = JSON.parse(e.data);
      renderRun(run);
      if (run.report || run.error) source.close();
    };
  }

  function renderRun(run) {
    const parts = [el('h2', { id: 'run-title', text: '3. Run' })];
    const pr = run.progress;
    const total = pr ? pr.total : (run.action === 'abort' ? run.plan.toAbort : run.plan.toClose);
    const done = run.report ? total : pr ? pr.done : 0;
    parts.push(
      el('div', { class: 'bar simple', role: 'progressbar', 'aria-label': 'Sweep progress', 'aria-valuemin': '0', 'aria-valuemax': String(total), 'aria-valuenow': String(done) },
        el('span', { 'data-w': `${total ? (100 * done / total).toFixed(1) : 100}%` })),
      el('p', { id: 'run-progress', role: 'status', text: `${num(done)} of ${num(total)} jobs done${pr ? `; ${num(pr.calls)} API calls; last: ${pr.latestJobId} ${pr.latestOutcome}` : ''}` }));
    if (run.error) parts.push(el('p', { role: 'alert', text: `The sweep stopped: ${run.error.errorCode || ''} ${run.error.message}` }));
    const r = run.report;
    if (r) {
      const counts = Object.entries(r.counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
      parts.push(
        el('h2', { id: 'report-title', text: '4. Report' }),
        el('p', { id: 'report-summary', text: `${r.jobs.length} jobs: ${counts || 'nothing to do'}; ${num(r.calls)} API calls in ${r.elapsedSeconds} s.` }),
        el('p', { class: 'actions' },
          el('a', { class: 'button', href: `/api/sweeps/${run.id}/report.json`, download: `sfbulk-sweep-${run.id}.json`, text: 'Download the report (JSON)' }),
          el('a', { class: 'button', href: `/api/sweeps/${run.id}/report.csv`, download: `sfbulk-sweep-${run.id}.csv`, text: 'Download the report (CSV)' })),
        el('div', { class: 'table-wrap' }, el('table', { id: 'report-table' },
          el('thead', {}, el('tr', {}, ['Job id', 'API', 'Object', 'Outcome', 'State now', 'Error code', 'Reason'].map(t => el('th', { scope: 'col', text: t })))),
          el('tbody', {}, r.jobs.map(j => el('tr', { 'data-job-id': j.jobId },
            el('td', { text: j.jobId }), el('td', { text: j.api }), el('td', { text: j.object }), el('td', { text: j.outcome }),
            el('td', {}, stateBadge(j.state)), el('td', { text: j.errorCode || '' }), el('td', { class: 'wrap', text: j.reason || '' })))))));
      announce(`Sweep finished: ${counts}.`);
    }
    fill(runHost, el('section', { class: 'panel', 'aria-labelledby': 'run-title' }, ...parts));
    for (const span of runHost.querySelectorAll('.bar span')) span.style.width = span.dataset.w;
  }

  return () => source?.close();
}

const ageText = age;

// ---------- Org watcher page ----------
// Shows the org watcher 'sfbulk ui --watch-all' runs: its state, filter, counts and latest events, live from the
// server's events (the page reads nothing from Salesforce itself).
function orgWatchPage() {
  const root = main();
  const host = el('div');
  fill(root, el('h1', { text: 'Org watcher' }), host);
  const source = new EventSource('/api/orgwatch/events');
  source.onmessage = e => render(JSON.parse(e.data));
  source.onerror = () => { if (!host.hasChildNodes()) fill(host, el('p', { role: 'alert', text: 'The server stopped sending updates.' })); };

  function render(w) {
    if (!w.enabled) {
      fill(host, el('section', { class: 'panel' },
        el('p', { id: 'orgwatch-status', text: 'No org watcher runs here.' }),
        el('p', { class: 'note', text: 'Start the page with sfbulk ui --watch-all [--close] to follow every open PK-chunked job and close each when its chunks are done.' })));
      return;
    }
    const status = w.running ? 'Running' : `Stopped${w.stopReason ? ` (${w.stopReason})` : ''}`;
    const counts = [['Jobs watched now', w.watching], ['Jobs seen', w.seen], ['Closed', w.closed], ['Failed', w.failed], ['API calls', w.calls]];
    fill(host,
      el('section', { class: 'panel', 'aria-labelledby': 'orgwatch-summary' },
        el('h2', { id: 'orgwatch-summary', text: 'Summary' }),
        el('p', { id: 'orgwatch-status', role: 'status' }, el('span', { class: `state ${w.running ? 'open' : 'closed'}`, text: status })),
        w.stopDetail ? el('p', { role: 'alert', text: w.stopDetail }) : null,
        w.error ? el('p', { role: 'alert', text: `The watcher stopped: ${w.error.errorCode || ''} ${w.error.message}` }) : null,
        el('p', { id: 'orgwatch-filter' }, el('strong', { text: 'Filter: ' }), w.filter),
        el('dl', { class: 'fields', id: 'orgwatch-counts' }, counts.map(([k, v]) => [el('dt', { text: k }), el('dd', { 'data-count': k, text: num(v) })]))),
      el('section', { class: 'panel', 'aria-labelledby': 'orgwatch-events' },
        el('h2', { id: 'orgwatch-events', text: 'Latest events' }),
        w.events.length === 0 ? el('p', { class: 'note', text: 'Nothing yet: the watcher lists the org and follows the matching open jobs.' }) :
        el('div', { class: 'table-wrap' }, el('table', { id: 'orgwatch-table' },
          el('thead', {}, el('tr', {}, ['Time', 'Event', 'Job id', 'Object', 'Batches done', 'Message'].map(t => el('th', { scope: 'col', text: t })))),
          el('tbody', {}, w.events.map(e => el('tr', { 'data-event': e.event },
            el('td', { text: clock(e.at) }), el('td', { text: e.event }),
            el('td', {}, e.jobId ? el('a', { href: `#/jobs/${e.jobId}`, text: e.jobId }) : '—'),
            el('td', { text: e.object || '' }),
            el('td', { text: e.batchesTotal === undefined ? '' : `${num(e.batchesDone)} / ${num(e.batchesTotal)}` }),
            el('td', { class: 'wrap', text: e.message }))))))));
  }

  return () => source.close();
}

// ---------- routing ----------
function route() {
  leavePage();
  const hash = location.hash || '#/jobs';
  const job = /^#\/jobs\/([A-Za-z0-9]{15,18})$/.exec(hash);
  document.getElementById('nav-jobs').toggleAttribute('aria-current', false);
  document.getElementById('nav-sweep').toggleAttribute('aria-current', false);
  document.getElementById('nav-orgwatch').toggleAttribute('aria-current', false);
  if (job) {
    document.getElementById('nav-jobs').setAttribute('aria-current', 'page');
    document.title = `Job ${job[1]} · sfbulk`;
    leavePage = jobPage(job[1]);
  } else if (hash === '#/sweep') {
    document.getElementById('nav-sweep').setAttribute('aria-current', 'page');
    document.title = 'Sweep · sfbulk';
    leavePage = sweepPage();
  } else if (hash === '#/orgwatch') {
    document.getElementById('nav-orgwatch').setAttribute('aria-current', 'page');
    document.title = 'Org watcher · sfbulk';
    leavePage = orgWatchPage();
  } else {
    document.getElementById('nav-jobs').setAttribute('aria-current', 'page');
    document.title = 'Bulk Data Load Jobs · sfbulk';
    leavePage = jobsPage();
  }
}

async function start() {
  const s = await api('/api/session');
  if (s.error) {
    fill(main(), el('p', { role: 'alert', text: `sfbulk ui refused this page: ${s.error.message}` }));
    return;
  }
  session.token = s.antiForgeryToken;
  session.header = s.antiForgeryHeader;
  session.refreshSeconds = s.refreshSeconds;
  document.getElementById('org-name').textContent = s.org;
  document.getElementById('org-user').textContent = s.user;
  document.getElementById('org-instance').textContent = s.instance;
  document.getElementById('nav-orgwatch').hidden = !s.orgWatch;
  window.addEventListener('hashchange', route);
  route();
}

start();
