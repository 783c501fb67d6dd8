// The API client: cookies carry the session, the anti-forgery token goes in a header on every unsafe request.
let csrf = null;
let onUnauthorized = () => {};

export function whenUnauthorized(handler) { onUnauthorized = handler; }

export async function refreshToken() {
  const r = await fetch('/api/auth/antiforgery', { credentials: 'same-origin' });
  csrf = (await r.json()).token;
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function request(method, path, body) {
  const headers = {};
  const init = { method, headers, credentials: 'same-origin' };
  if (method !== 'GET') {
    if (!csrf) await refreshToken();
    headers['X-CSRF-TOKEN'] = csrf;
  }
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const r = await fetch(path, init);
  if (r.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized();
  const type = r.headers.get('content-type') || '';
  const data = type.includes('json') ? await r.json() : await r.text();
  if (!r.ok) throw new ApiError(r.status, typeof data === 'object' ? data : { detail: data });
  return data;
}

export const get = path => request('GET', path);
export const post = (path, body) => request('POST', path, body);

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  return q.toString();
}
