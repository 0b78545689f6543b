// Every call to the API: same-origin, the session cookie, and the CSRF header on mutating calls
// (api/auth/sessions.ts). Errors come back as ApiError with the server's code, message and fields.
import { message } from 'antd';
import { ApiError, apiErrorFrom } from '../logic/apiError';
import { busyRetryDelayMs } from '../logic/retryPolicy';

/** randomUUID exists only in secure contexts (https, localhost); an office LAN may serve plain http. */
const actionKey = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
        byte.toString(16).padStart(2, '0'),
      ).join('');

const savingText = () =>
  document.documentElement.lang.startsWith('en')
    ? 'The system is busy; still saving…'
    : '系统繁忙，正在继续保存…';

let csrfToken: string | undefined;
export const setCsrfToken = (token: string | undefined) => {
  csrfToken = token;
};

const engineStarting = (response: Response): Promise<boolean> =>
  response
    .clone()
    .json()
    .then((body: { error?: { code?: string } }) => body?.error?.code === 'ENGINE_STARTING')
    .catch(() => false);

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  // One key per action: a retry after a 503 (nothing was saved) or a lost answer is carried out once.
  if (method !== 'GET') headers['idempotency-key'] = actionKey();
  let response: Response;
  for (let attempt = 1; ; attempt += 1) {
    try {
      response = await fetch(`/api${url}`, { method, headers, body: payload, credentials: 'same-origin' });
    } catch {
      throw apiErrorFrom(0, null);
    }
    // ENGINE_STARTING (issue 14) lasts minutes: shown at once, not retried; the page waits on GET /engine.
    if (response.status === 503 && (await engineStarting(response))) break;
    const delay = busyRetryDelayMs(response.status, response.headers.get('retry-after'), attempt);
    if (delay === null) break;
    // What the user typed stays in the form; the app keeps saving and says so.
    void message.loading({ content: savingText(), key: 'kaohe-busy', duration: delay / 1000 + 1 });
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  message.destroy('kaohe-busy');
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) throw apiErrorFrom(response.status, json);
  return json as T;
}

export const api = {
  get: <T>(url: string) => call<T>('GET', url),
  post: <T>(url: string, body?: unknown) => call<T>('POST', url, body ?? {}),
  put: <T>(url: string, body?: unknown) => call<T>('PUT', url, body ?? {}),
  del: <T>(url: string) => call<T>('DELETE', url),
  upload: <T>(url: string, form: FormData) => call<T>('POST', url, form),
};

/** A route that is not mounted yet answers 404 "route … not found" (api/app.ts). */
export const isMissingRoute = (error: unknown) =>
  error instanceof ApiError && error.status === 404 && /^route /.test(error.message);

export { ApiError };
