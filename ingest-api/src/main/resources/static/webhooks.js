'use strict';
// The webhook card: the caller's endpoints (add, rotate the secret, enable, delete) and one endpoint's recent
// deliveries. Uses $, api and describe of app.js; app.js calls loadWebhooks when the token changes.

async function loadWebhooks() {
  const page = await api('GET', '/api/v1/webhooks');
  const list = $('webhook-list');
  list.innerHTML = '';
  for (const endpoint of page.items) {
    const item = document.createElement('li');
    const status = document.createElement('span');
    status.className = 'status ' + (endpoint.enabled ? 'completed' : 'disabled');
    status.textContent = endpoint.enabled ? endpoint.events : 'disabled';
    const url = document.createElement('span');
    url.className = 'prompt';
    url.textContent = endpoint.url + (endpoint.disabledReason ? ' — ' + endpoint.disabledReason : '');
    item.append(status, url,
      button('Deliveries', () => loadDeliveries(endpoint)),
      button('New secret', () => rotate(endpoint)),
      endpoint.enabled ? '' : button('Enable', () => act('POST', endpoint, '/enable')),
      button('Delete', () => act('DELETE', endpoint, '')));
    list.append(item);
  }
  if (!page.items.length) {
    list.innerHTML = '<li class="muted">No endpoints.</li>';
  }
}

function button(label, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = 'small';
  element.textContent = label;
  element.addEventListener('click', (event) => {
    event.stopPropagation();
    onClick().catch((e) => { $('webhook-error').textContent = describe(e); });
  });
  return element;
}

function showSecret(endpoint) {
  $('webhook-secret').hidden = false;
  $('webhook-secret').textContent = 'Signing secret of ' + endpoint.url + ' (shown this once): ' + endpoint.secret;
}

async function addWebhook(event) {
  event.preventDefault();
  $('webhook-error').textContent = '';
  try {
    const created = await api('POST', '/api/v1/webhooks',
      { url: $('webhook-url').value.trim(), events: $('webhook-events').value });
    showSecret(created);
    $('webhook-url').value = '';
    await loadWebhooks();
  } catch (e) {
    $('webhook-error').textContent = describe(e);
  }
}

async function rotate(endpoint) {
  showSecret(await api('POST', '/api/v1/webhooks/' + endpoint.id + '/rotate-secret'));
}

async function act(method, endpoint, suffix) {
  await api(method, '/api/v1/webhooks/' + endpoint.id + suffix);
  $('deliveries').innerHTML = '';
  $('deliveries-title').hidden = true;
  await loadWebhooks();
}

async function loadDeliveries(endpoint) {
  const page = await api('GET', '/api/v1/webhooks/' + endpoint.id + '/deliveries');
  $('deliveries-title').hidden = false;
  $('deliveries-title').textContent = 'Recent deliveries to ' + endpoint.url;
  const list = $('deliveries');
  list.innerHTML = '';
  for (const delivery of page.items) {
    const item = document.createElement('li');
    item.textContent = [new Date(delivery.createdAt).toLocaleString(), delivery.type, delivery.status,
      delivery.attempts + ' attempt(s)', delivery.lastResponseStatus ? 'HTTP ' + delivery.lastResponseStatus : '',
      delivery.lastError || ''].filter(Boolean).join(' · ');
    list.append(item);
  }
  if (!page.items.length) {
    list.innerHTML = '<li>No deliveries yet.</li>';
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('webhook-form').addEventListener('submit', addWebhook);
  $('webhooks-refresh').addEventListener('click',
    () => loadWebhooks().catch((e) => { $('webhook-error').textContent = describe(e); }));
});
