// The REST API at /api/v1: a cookie session, with the CSRF token on every request that changes something.
const BASE = '/api/v1';

let csrfToken = null;
export let user = null;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code || '';
    this.problems = problem?.problems || [];
  }
}

export async function api(method, path, body) {
  // X-Requested-With keeps the API from answering 401 with a Basic challenge, and the browser from a password dialog.
  const headers = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(BASE + path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (response.headers.get('Content-Type') || '').includes('json') ? await response.json() : null;
  if (!response.ok) {
    if (response.status === 401 && user && path !== '/session') {
      forget();
      window.dispatchEvent(new Event('urbis:logged-out'));
    }
    throw new ApiError(response.status, json);
  }
  return json;
}

export const get = path => api('GET', path);

function remember(session) {
  user = { username: session.username, roles: session.roles || [] };
  csrfToken = session.csrfToken;
  return user;
}

function forget() {
  user = null;
  csrfToken = null;
}

export async function login(username, password) {
  return remember(await api('POST', '/session', { username, password }));
}

// The session a cookie still holds after a reload, or null.
export async function resume() {
  try {
    return remember(await get('/session'));
  } catch (e) {
    if (e.status === 401) return null;
    throw e;
  }
}

export async function logout() {
  try {
    await api('DELETE', '/session');
  } finally {
    forget();
  }
}

// What the user's roles allow: viewer < maintenance < operator, admin everything.
const ALLOWED = {
  command: ['operator', 'admin'],
  acknowledge: ['maintenance', 'operator', 'admin'],
  audit: ['maintenance', 'operator', 'admin'],
  maintain: ['maintenance', 'admin'],
  configure: ['admin'],
};

export function may(action) {
  return !!user && ALLOWED[action].some(role => user.roles.includes(role));
}
