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
  state.models = (await api('GET', '/api/v1/models')).models;
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

// ---- start ----------------------------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', async () => {
  $('submit-form').addEventListener('submit', submit);
  $('model').addEventListener('change', modelChanged);
  $('token').addEventListener('change', tokenChanged);
  $('use-demo-token').addEventListener('click', () => useDemoToken(false));
  $('refresh').addEventListener('click', () => loadHistory().catch((e) => { $('form-error').textContent = describe(e); }));
  $('cancel').addEventListener('click', cancel);
  const saved = sessionStorage.getItem('pp-token');
  if (saved) {
    $('token').value = saved;
    await tokenChanged();
  } else if (!(await useDemoToken(true))) {
    $('form-error').textContent = 'Paste a bearer token to start.';
  }
});
