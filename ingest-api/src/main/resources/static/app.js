// The Picture Pipeline web page: plain JavaScript, no build step, no third-party code.
// The bearer token stays in this tab (sessionStorage). Event streams are opened with a single-use stream ticket,
// because EventSource cannot send an Authorization header.
'use strict';

const $ = (id) => document.getElementById(id);
const TERMINAL = ['completed', 'failed', 'cancelled'];
const STREAM_EVENTS = ['status', 'progress', 'retry', 'completed', 'failed', 'cancelled'];

const state = {
  models: [],
  current: null,        // id of the generation shown
  source: null,         // its EventSource
  lastEventId: null,    // for resuming after a dropped connection
  finished: false,
  imageUrl: null,
};

// ---- API ------------------------------------------------------------------------------------------------------

function token() {
  return $('token').value.trim();
}

class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : 'HTTP ' + status);
    this.status = status;
    this.problem = problem || {};
  }
}

async function api(method, path, body, headers) {
  const response = await fetch(path, {
    method,
    headers: Object.assign(
      { 'Authorization': 'Bearer ' + token(), 'Accept': 'application/json' },
      body === undefined ? {} : { 'Content-Type': 'application/json' },
      headers || {}),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

function describe(error) {
  if (!(error instanceof ApiError)) {
    return String(error.message || error);
  }
  const fields = (error.problem.errors || []).map((e) => e.field + ': ' + e.message);
  return [error.message].concat(fields).join(' — ');
}

// ---- token ----------------------------------------------------------------------------------------------------

function showUser() {
  try {
    const claims = JSON.parse(atob(token().split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    $('token-user').textContent = claims.sub ? '(user ' + claims.sub + ')' : '';
  } catch (e) {
    $('token-user').textContent = '';
  }
}

async function useDemoToken(quiet) {
  const response = await fetch('/api/v1/demo-token');
  if (!response.ok) {
    if (!quiet) {
      $('form-error').textContent = 'No demo token here (it exists only on a local run): paste one.';
    }
    return false;
  }
  $('token').value = (await response.json()).token;
  await tokenChanged();
  return true;
}

async function tokenChanged() {
  sessionStorage.setItem('pp-token', token());
  showUser();
  $('form-error').textContent = '';
  if (!token()) {
    return;
  }
  try {
    await loadModels();
    await Promise.all([loadHistory(), loadLimits(), loadWebhooks()]);
  } catch (e) {
    $('form-error').textContent = describe(e);
  }
}

// ---- models, limits, history ----------------------------------------------------------------------------------

async function loadModels() {
  if (state.models.length) {
    return;
  }
  // the upscaler works on a finished image (its button), not from a prompt
  state.models = (await api('GET', '/api/v1/models')).models.filter((m) => m.id !== 'nightmareai/real-esrgan');
  const select = $('model');
  select.innerHTML = '';
  for (const model of state.models) {
    const option = new Option(model.displayName + ' (' + model.id + ')', model.id, model.isDefault, model.isDefault);
    select.add(option);
  }
  modelChanged();
}

function modelChanged() {
  const model = state.models.find((m) => m.id === $('model').value);
  const select = $('size');
  select.innerHTML = '';
  for (const size of model ? model.sizes : []) {
    const label = size.label === size.width + 'x' + size.height
      ? size.label : size.label + ' — ' + size.width + '×' + size.height;
    select.add(new Option(label, size.width + 'x' + size.height));
  }
}

async function loadLimits() {
  const limits = await api('GET', '/api/v1/limits');
  $('limits').textContent = 'used ' + limits.hourly.used + '/' + limits.hourly.limit + ' this hour, '
    + limits.daily.used + '/' + limits.daily.limit + ' today' + (limits.canGenerate ? '' : ' — limit reached');
}

async function loadHistory() {
  const page = await api('GET', '/api/v1/generations?limit=20');
  const list = $('history');
  list.innerHTML = '';
  for (const generation of page.items) {
    const item = document.createElement('li');
    item.dataset.id = generation.id;
    const status = document.createElement('span');
    status.className = 'status ' + generation.status;
    status.textContent = generation.status;
    const prompt = document.createElement('span');
    prompt.className = 'prompt';
    prompt.textContent = generation.prompt || '';
    const when = document.createElement('span');
    when.className = 'muted';
    when.textContent = new Date(generation.createdAt).toLocaleString();
    item.append(status, prompt, when);
    item.addEventListener('click', () => show(generation.id));
    list.append(item);
  }
  if (!page.items.length) {
    list.innerHTML = '<li class="muted">Nothing yet.</li>';
  }
}

function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));   // crypto.randomUUID needs a secure context
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// ---- one generation, live -------------------------------------------------------------------------------------

async function submit(event) {
  event.preventDefault();
  $('form-error').textContent = '';
  const [width, height] = $('size').value.split('x').map(Number);
  const body = { prompt: $('prompt').value, model: $('model').value, width, height };
  $('submit').disabled = true;
  try {
    // a retried click with the same key cannot create a second generation
    const accepted = await api('POST', '/api/v1/generations', body, { 'Idempotency-Key': newKey() });
    await show(accepted.id);
    loadHistory().catch(() => {});
    loadLimits().catch(() => {});
  } catch (e) {
    $('form-error').textContent = describe(e);
  } finally {
    $('submit').disabled = false;
  }
}

async function show(id) {
  stopFollowing();
  state.current = id;
  state.lastEventId = null;
  state.finished = false;
  $('current').hidden = false;
  $('current-id').textContent = id;
  $('events').innerHTML = '';
  $('result').hidden = true;
  $('detail').textContent = '';
  setStatus('queued', 0);
  follow(id);
}

function stopFollowing() {
  if (state.source) {
    state.source.close();
    state.source = null;
  }
}

async function follow(id) {
  let ticket;
  try {
    ticket = await api('POST', '/api/v1/stream-tickets');
  } catch (e) {
    $('detail').textContent = 'Cannot follow the generation: ' + describe(e);
    return;
  }
  if (state.current !== id) {
    return;
  }
  let url = '/api/v1/generations/' + id + '/events?ticket=' + encodeURIComponent(ticket.ticket);
  if (state.lastEventId) {
    url += '&lastEventId=' + encodeURIComponent(state.lastEventId);
  }
  const source = new EventSource(url);
  state.source = source;
  for (const name of STREAM_EVENTS) {
    source.addEventListener(name, (message) => {
      if (state.current !== id) {
        return;
      }
      state.lastEventId = message.lastEventId || state.lastEventId;
      onEvent(name, JSON.parse(message.data));
    });
  }
  source.onerror = () => {
    // the stream ended (after the terminal event) or the connection dropped: tickets are single-use, so a
    // reconnect needs a new one; Last-Event-ID travels as a parameter
    source.close();
    if (state.source === source) {
      state.source = null;
    }
    if (!state.finished && state.current === id) {
      setTimeout(() => { if (!state.finished && state.current === id) follow(id); }, 1000);
    }
  };
}

function onEvent(name, data) {
  const line = document.createElement('li');
  const detail = name === 'status' ? data.status
    : name === 'progress' ? data.progress + '%'
      : name === 'retry' ? data.message : '';
  line.textContent = new Date(data.occurredAt).toLocaleTimeString() + '  ' + name + (detail ? '  ' + detail : '');
  $('events').append(line);
  switch (name) {
    case 'status':
      setStatus(data.status, data.progress);
      break;
    case 'progress':
      setStatus(null, data.progress);
      break;
    case 'retry':
      $('detail').textContent = data.message + ' (' + data.reason + ')';
      break;
    case 'completed':
      finish('completed', 100);
      showImage(data.images[0]);
      break;
    case 'failed':
      finish('failed');
      $('detail').textContent = data.error.message;
      break;
    case 'cancelled':
      finish('cancelled');
      $('detail').textContent = data.reason;
      break;
  }
}

function setStatus(status, progress) {
  if (status) {
    $('status').textContent = status;
    $('status').className = 'status ' + status;
  }
  if (progress !== undefined && progress !== null) {
    $('progress').value = progress;
  }
  $('cancel').disabled = TERMINAL.includes($('status').textContent);
}

function finish(status, progress) {
  state.finished = true;
  stopFollowing();
  setStatus(status, progress);
  loadHistory().catch(() => {});
}

async function showImage(image) {
  if (!image) {
    return;
  }
  // the image needs the bearer token, which an <img src> cannot send: fetch it, show it as a blob
  const response = await fetch(image.url, { headers: { 'Authorization': 'Bearer ' + token() } });
  if (!response.ok) {
    $('detail').textContent = 'Cannot load the image: HTTP ' + response.status;
    return;
  }
  if (state.imageUrl) {
    URL.revokeObjectURL(state.imageUrl);
  }
  state.imageUrl = URL.createObjectURL(await response.blob());
  $('result-image').src = state.imageUrl;
  $('result').hidden = false;
  showLineage(state.current).catch(() => {});
}

// ---- variations and upscales of a finished image ---------------------------------------------------------------

async function derive(kind, body) {
  const parent = state.current;
  try {
    const accepted = await api('POST', '/api/v1/generations/' + parent + '/' + kind, body);
    await show(accepted.id);
    $('lineage').textContent = '';
    loadHistory().catch(() => {});
    loadLimits().catch(() => {});
  } catch (e) {
    $('detail').textContent = describe(e);
  }
}

async function showLineage(id) {
  const generation = await api('GET', '/api/v1/generations/' + id);
  const parts = [];
  if (generation.parentId) {
    parts.push('made from ' + generation.parentId.slice(0, 8));
  }
  if (generation.children.length) {
    parts.push(generation.children.length + ' variation(s)/upscale(s)');
  }
  if (state.current === id) {
    $('lineage').textContent = parts.join(' · ');
  }
}

async function cancel() {
  if (!state.current) {
    return;
  }
  try {
    const answer = await api('DELETE', '/api/v1/generations/' + state.current);
    setStatus(answer.status);
  } catch (e) {
    $('detail').textContent = describe(e);
  }
}

// ---- a batch, live --------------------------------------------------------------------------------------------

const batch = { id: null, source: null, lastEventId: null, statuses: new Map() };

async function submitBatch(event) {
  event.preventDefault();
  $('batch-error').textContent = '';
  const [width, height] = $('size').value.split('x').map(Number);
  const prompts = $('batch-prompts').value.split('\n').map((line) => line.trim()).filter((line) => line);
  const items = prompts.map((prompt) => ({ prompt, model: $('model').value, width, height }));
  $('batch-submit').disabled = true;
  try {
    // accepted whole or refused whole: a 400 names the item (items[3].prompt), a 429 says how many would fit
    const accepted = await api('POST', '/api/v1/batches', { items }, { 'Idempotency-Key': newKey() });
    await showBatch(accepted.id);
    loadHistory().catch(() => {});
    loadLimits().catch(() => {});
  } catch (e) {
    const fits = e instanceof ApiError && e.problem.fits !== undefined ? ' (' + e.problem.fits + ' would fit now)' : '';
    $('batch-error').textContent = describe(e) + fits;
  } finally {
    $('batch-submit').disabled = false;
  }
}

async function showBatch(id) {
  if (batch.source) {
    batch.source.close();
  }
  Object.assign(batch, { id, source: null, lastEventId: null, statuses: new Map() });
  const view = await api('GET', '/api/v1/batches/' + id);
  const list = $('batch-items');
  list.innerHTML = '';
  for (const item of view.items) {
    batch.statuses.set(item.id, item.status);
    const row = document.createElement('li');
    row.dataset.id = item.id;
    row.innerHTML = '<span class="status"></span><span class="prompt"></span>';
    row.querySelector('.prompt').textContent = item.prompt;
    row.addEventListener('click', () => show(item.id));
    list.append(row);
  }
  renderBatch();
  if (!view.ended) {
    followBatch(id);
  }
}

function renderBatch() {
  const counts = {};
  for (const row of $('batch-items').children) {
    const status = batch.statuses.get(row.dataset.id);
    row.querySelector('.status').textContent = status;
    row.querySelector('.status').className = 'status ' + status;
    counts[status] = (counts[status] || 0) + 1;
  }
  const ended = [...batch.statuses.values()].every((status) => TERMINAL.includes(status));
  $('batch-summary').textContent = Object.entries(counts).map(([status, n]) => n + ' ' + status).join(', ');
  $('batch-cancel').hidden = ended;
}

async function followBatch(id) {
  const ticket = await api('POST', '/api/v1/stream-tickets').catch(() => null);
  if (!ticket || batch.id !== id) {
    return;
  }
  let url = '/api/v1/batches/' + id + '/events?ticket=' + encodeURIComponent(ticket.ticket);
  if (batch.lastEventId) {
    url += '&lastEventId=' + encodeURIComponent(batch.lastEventId);
  }
  const source = new EventSource(url);
  batch.source = source;
  for (const name of STREAM_EVENTS) {
    source.addEventListener(name, (message) => {
      const data = JSON.parse(message.data);
      batch.lastEventId = message.lastEventId || batch.lastEventId;
      if (batch.id === id && data.status) {
        batch.statuses.set(data.generationId, data.status);
        renderBatch();
      }
    });
  }
  source.onerror = () => {
    // ended after the last item's terminal event, or dropped: resume with a new ticket unless every item ended
    source.close();
    const ended = [...batch.statuses.values()].every((status) => TERMINAL.includes(status));
    if (batch.id === id && !ended) {
      setTimeout(() => { if (batch.id === id) followBatch(id); }, 1000);
    }
  };
}

async function cancelBatch() {
  try {
    await api('DELETE', '/api/v1/batches/' + batch.id);
  } catch (e) {
    $('batch-error').textContent = describe(e);
  }
}

// ---- start ----------------------------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', async () => {
  $('submit-form').addEventListener('submit', submit);
  $('model').addEventListener('change', modelChanged);
  $('token').addEventListener('change', tokenChanged);
  $('use-demo-token').addEventListener('click', () => useDemoToken(false));
  $('refresh').addEventListener('click', () => loadHistory().catch((e) => { $('form-error').textContent = describe(e); }));
  $('cancel').addEventListener('click', cancel);
  $('batch-form').addEventListener('submit', submitBatch);
  $('batch-cancel').addEventListener('click', cancelBatch);
  $('vary').addEventListener('click', () => derive('variations', {}));
  $('upscale-2').addEventListener('click', () => derive('upscale', { scale: 2 }));
  $('upscale-4').addEventListener('click', () => derive('upscale', { scale: 4 }));
  const saved = sessionStorage.getItem('pp-token');
  if (saved) {
    $('token').value = saved;
    await tokenChanged();
  } else if (!(await useDemoToken(true))) {
    $('form-error').textContent = 'Paste a bearer token to start.';
  }
});
