// Marquee web chat: signs in with the authorization code flow and PKCE (a public client, no secret), then talks
// to the public API with the access token. Tokens live in this tab's sessionStorage only.
const API = '/api/v1';
const SESSION = 'marquee.session';
const PENDING = 'marquee.sign-in';
const $ = (id) => document.getElementById(id);

let config;
let session = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
let conversationId = sessionStorage.getItem('marquee.conversation');

class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(size) {
  return base64url(crypto.getRandomValues(new Uint8Array(size)));
}

function claims(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(decodeURIComponent(escape(atob(part))));
}

function redirectUri() {
  return location.origin + location.pathname;
}

function notice(text) {
  $('notice').textContent = text || '';
  $('notice').hidden = !text;
}

async function signIn() {
  const verifier = randomString(48);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  const state = randomString(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, page: location.hash || '#chat' }));
  const url = new URL(config.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(), scope: 'openid',
    state, code_challenge: base64url(new Uint8Array(digest)), code_challenge_method: 'S256',
  });
  location.assign(url.toString());
}

async function tokenRequest(form) {
  const res = await fetch(config.tokenEndpoint, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.clientId, ...form }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    throw new ApiError(body.error_description || body.error || 'sign-in failed', res.status);
  }
  return body;
}

function keep(tokens) {
  const who = claims(tokens.access_token);
  session = {
    accessToken: tokens.access_token, refreshToken: tokens.refresh_token, idToken: tokens.id_token,
    expiresAt: Date.now() + (tokens.expires_in || 300) * 1000, name: who.preferred_username || who.sub,
  };
  sessionStorage.setItem(SESSION, JSON.stringify(session));
}

async function finishSignIn(params) {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  if (!pending || pending.state !== params.get('state')) {
    throw new ApiError('the sign-in answer does not match this page; please sign in again', 400);
  }
  keep(await tokenRequest({
    grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
    code_verifier: pending.verifier,
  }));
  history.replaceState(null, '', location.pathname + pending.page);
}

function signOut(message) {
  const idToken = session && session.idToken;
  session = null;
  conversationId = null;
  sessionStorage.clear();
  if (message) {
    notice(message);
    show();
    return;
  }
  if (config.endSessionEndpoint && idToken) {
    const url = new URL(config.endSessionEndpoint);
    url.search = new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: redirectUri() });
    location.assign(url.toString());
  } else {
    show();
  }
}

async function accessToken() {
  if (session && session.expiresAt - 30000 < Date.now() && session.refreshToken) {
    try {
      keep(await tokenRequest({ grant_type: 'refresh_token', refresh_token: session.refreshToken }));
    } catch (e) {
      signOut('Your session has ended. Please sign in again.');
      throw e;
    }
  }
  return session.accessToken;
}

// Calls the public API; problems (application/problem+json) become errors that say what went wrong.
async function call(method, path, body, accept = 'application/json') {
  const headers = { Authorization: 'Bearer ' + await accessToken(), Accept: accept };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) {
    signOut('Your session has ended. Please sign in again.');
    throw new ApiError('signed out', 401);
  }
  if (!res.ok) {
    const problem = await res.json().catch(() => ({}));
    const wait = res.headers.get('Retry-After');
    throw new ApiError((problem.detail || problem.title || res.statusText)
      + (wait && res.status !== 429 ? ` (try again in ${wait} s)` : ''), res.status);
  }
  return res;
}

// --- Chat ---

function addMessage(role, text) {
  const item = document.createElement('li');
  item.className = 'message ' + role;
  const label = document.createElement('span');
  label.className = 'visually-hidden';
  label.textContent = role === 'user' ? 'You said: ' : 'Assistant: ';
  const body = document.createElement('span');
  body.className = 'text';
  body.textContent = text;
  item.append(label, body);
  $('log').append(item);
  item.scrollIntoView({ block: 'end' });
  return item;
}

function interaction(card, type, recommendationId) {
  return { titleId: card.titleId, type, recommendationId, source: 'chat', channel: 'web' };
}

function renderCards(item, reply, metadata) {
  const cards = reply.cards || [];
  if (!cards.length) {
    return;
  }
  const list = document.createElement('ul');
  list.className = 'cards';
  list.setAttribute('aria-label', 'Suggested titles');
  const recommendationId = metadata && metadata.recommendationId;
  for (const card of cards) {
    const entry = document.createElement('li');
    entry.className = 'card';
    entry.dataset.titleId = card.titleId;
    const image = document.createElement('img');
    image.src = card.image;
    image.alt = 'Poster of ' + card.name;
    const name = document.createElement('h3');
    name.textContent = `${card.name}${card.year ? ' (' + card.year + ')' : ''}`;
    const reason = document.createElement('p');
    reason.textContent = card.reason || '';
    const play = document.createElement('button');
    play.type = 'button';
    play.className = 'secondary';
    play.textContent = card.kind === 'game' ? 'Play' : 'Watch';
    play.setAttribute('aria-label', `${play.textContent} ${card.name}`);
    play.addEventListener('click', async () => {
      try {
        await call('POST', '/interactions/batch', { items: [interaction(card, 'click', recommendationId),
          interaction(card, 'play', recommendationId)] });
        play.textContent = 'Playing';
        play.disabled = true;
      } catch (e) {
        notice('Could not start ' + card.name + ': ' + e.message);
      }
    });
    entry.append(image, name, reason, play);
    list.append(entry);
  }
  item.append(list);
  // What the user was shown, for conversion analytics: one batch per reply, sent again safely under its key.
  fetchQuietly('/interactions/batch', { items: cards.map((c) => interaction(c, 'impression', recommendationId)) },
    recommendationId ? 'impressions-' + recommendationId : undefined);
}

async function fetchQuietly(path, body, idempotencyKey) {
  try {
    const headers = { Authorization: 'Bearer ' + await accessToken(), 'Content-Type': 'application/json' };
    if (idempotencyKey) {
      headers['Idempotency-Key'] = idempotencyKey;
    }
    await fetch(API + path, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch (e) {
    // telemetry never gets in the user's way
  }
}

function renderFeedback(item, turnId) {
  const group = document.createElement('div');
  group.className = 'feedback';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', 'Was this helpful?');
  for (const [rating, label] of [['up', 'Helpful'], ['down', 'Not helpful']]) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.rating = rating;
    button.setAttribute('aria-pressed', 'false');
    button.textContent = label;
    button.addEventListener('click', async () => {
      try {
        await call('POST', `/turns/${turnId}/feedback`, { rating });
        group.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
      } catch (e) {
        notice('Your rating was not saved: ' + e.message);
      }
    });
    group.append(button);
  }
  item.append(group);
}

function renderQuickReplies(replies) {
  const area = $('quick-replies');
  area.replaceChildren();
  for (const text of replies || []) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = text;
    button.addEventListener('click', () => send(text));
    area.append(button);
  }
}

function renderReply(item, turn) {
  item.dataset.turnId = turn.turnId;
  item.querySelector('.text').textContent = turn.reply.text;
  renderCards(item, turn.reply, turn.metadata);
  const meta = document.createElement('span');
  meta.className = 'meta';
  meta.textContent = turn.metadata && turn.metadata.responder ? 'Answered by ' + turn.metadata.responder : '';
  item.append(meta);
  renderFeedback(item, turn.turnId);
  renderQuickReplies(turn.reply.quickReplies);
  conversationId = turn.conversationId;
  sessionStorage.setItem('marquee.conversation', conversationId);
}

// One Server-Sent Event ("event: name" and "data: ..." lines).
function parseEvent(raw) {
  let name = 'message';
  const data = [];
  for (const line of raw.split('\n')) {
    if (line.startsWith('event:')) {
      name = line.slice(6).trim();
    } else if (line.startsWith('data:')) {
      data.push(line.slice(5).replace(/^ /, ''));
    }
  }
  return { name, data: data.join('\n') };
}

async function send(text) {
  const message = text.trim();
  if (!message) {
    return;
  }
  notice('');
  renderQuickReplies([]);
  addMessage('user', message);
  const item = addMessage('assistant', '');
  item.setAttribute('aria-busy', 'true');
  $('send').disabled = true;
  const body = { message, channel: 'web' };
  if (conversationId) {
    body.conversationId = conversationId;
  }
  try {
    const res = await call('POST', '/chat/turns/stream', body, 'text/event-stream');
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        break;
      }
      buffer += value.replace(/\r\n/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = parseEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (event.name === 'token') {
          item.querySelector('.text').textContent += JSON.parse(event.data).text;
        } else if (event.name === 'reply') {
          renderReply(item, JSON.parse(event.data));
        } else if (event.name === 'error') {
          const problem = JSON.parse(event.data);
          item.querySelector('.text').textContent = 'Sorry, something went wrong: ' + (problem.detail || problem.title);
        }
      }
    }
  } catch (e) {
    if (e.status === 404 && conversationId) {
      conversationId = null;
      sessionStorage.removeItem('marquee.conversation');
    }
    item.querySelector('.text').textContent = 'Your message was not answered: ' + e.message;
  } finally {
    item.removeAttribute('aria-busy');
    $('send').disabled = false;
  }
}

// --- Privacy ---

// The form is disabled while the current choices load, so that nothing the user ticks is overwritten.
function showConsent(consent) {
  for (const box of $('consent').querySelectorAll('input[type=checkbox]')) {
    box.checked = Boolean(consent.purposes && consent.purposes[box.name]);
  }
}

async function loadConsent() {
  const form = $('consent');
  form.dataset.loaded = 'false';
  $('consent-status').textContent = '';
  form.querySelectorAll('fieldset, button').forEach((e) => { e.disabled = true; });
  try {
    showConsent(await (await call('GET', '/privacy/consent')).json());
  } catch (e) {
    $('consent-status').textContent = 'Your choices could not be loaded: ' + e.message;
  } finally {
    form.querySelectorAll('fieldset, button').forEach((e) => { e.disabled = false; });
    form.dataset.loaded = 'true';
  }
}

async function saveConsent(event) {
  event.preventDefault();
  const purposes = {};
  for (const box of $('consent').querySelectorAll('input[type=checkbox]')) {
    purposes[box.name] = box.checked;
  }
  try {
    const saved = await (await call('PUT', '/privacy/consent', { purposes, source: 'web-privacy-page' })).json();
    showConsent(saved);
    $('consent-status').textContent = `Saved (version ${saved.version}).`;
  } catch (e) {
    $('consent-status').textContent = 'Not saved: ' + e.message;
  }
}

async function follow(path, status, finished) {
  for (let attempt = 0; attempt < 120; attempt++) {
    const request = await (await call('GET', path)).json();
    if (request.status !== 'pending') {
      return finished(request);
    }
    status.textContent = 'Working on it…';
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  status.textContent = 'This takes longer than usual; come back to this page later.';
}

async function requestExport() {
  const status = $('export-status');
  try {
    const started = await (await call('POST', '/privacy/export-requests')).json();
    status.textContent = 'Preparing your copy…';
    await follow(`/privacy/export-requests/${started.requestId}`, status, async (request) => {
      if (request.status !== 'completed') {
        status.textContent = 'Your copy could not be prepared (' + request.status + ').';
        return;
      }
      const bundle = await (await call('GET', `/privacy/export-requests/${started.requestId}/bundle`)).blob();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(bundle);
      link.download = `marquee-data-${started.requestId}.json`;
      link.id = 'export-download';
      link.textContent = 'Download your data';
      status.replaceChildren('Your copy is ready: ', link);
    });
  } catch (e) {
    status.textContent = 'Your copy could not be prepared: ' + e.message;
  }
}

async function requestErasure(event) {
  event.preventDefault();
  const status = $('erasure-status');
  try {
    const started = await (await call('POST', '/privacy/erasure-requests')).json();
    status.textContent = 'Erasing your data…';
    await follow(`/privacy/erasure-requests/${started.requestId}`, status, (request) => {
      status.textContent = request.status === 'completed'
        ? 'Your data has been erased from every part of the service.'
        : 'Erasure ended as ' + request.status + '.';
      conversationId = null;
      sessionStorage.removeItem('marquee.conversation');
      $('log').replaceChildren();
    });
  } catch (e) {
    status.textContent = 'Erasure could not be started: ' + e.message;
  }
}

// --- Pages ---

function show() {
  const signedIn = Boolean(session);
  const page = location.hash === '#privacy' ? 'privacy' : 'chat';
  $('signed-out').hidden = signedIn;
  $('chat').hidden = !signedIn || page !== 'chat';
  $('privacy').hidden = !signedIn || page !== 'privacy';
  $('sign-out').hidden = !signedIn;
  $('who').textContent = signedIn ? 'Signed in as ' + session.name : '';
  $('nav-chat').setAttribute('aria-current', page === 'chat' ? 'page' : 'false');
  $('nav-privacy').setAttribute('aria-current', page === 'privacy' ? 'page' : 'false');
  if (signedIn && page === 'privacy') {
    loadConsent();
  }
  document.body.dataset.ready = 'true';
}

async function start() {
  $('sign-in').addEventListener('click', () => signIn().catch((e) => notice(e.message)));
  $('sign-out').addEventListener('click', () => signOut());
  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('message').value;
    $('message').value = '';
    send(text);
  });
  $('consent').addEventListener('submit', saveConsent);
  $('export').addEventListener('click', requestExport);
  $('erasure').addEventListener('submit', requestErasure);
  window.addEventListener('hashchange', show);
  try {
    config = await (await fetch('/chat/config')).json();
    const params = new URLSearchParams(location.search);
    if (params.has('code')) {
      await finishSignIn(params);
    } else if (params.has('error')) {
      history.replaceState(null, '', location.pathname);
      notice('Sign-in did not complete: ' + (params.get('error_description') || params.get('error')));
    }
  } catch (e) {
    notice('Sign-in is not available right now: ' + e.message);
  }
  show();
}

start();
