/**
 * The one door to the HTTP API. It keeps the CSRF token in memory only (never in storage a script could read
 * later), sends it on every state-changing request, and turns the API's error body
 * `{ "error": { "code", "message" } }` into an `ApiError`. A 401 anywhere tells the app to show the sign-in page.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole answer, for a route that says more than the error (an upload's results for each file). */
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Not found — or, the same answer by the server's rule, not for this account: a 404 never says which. */
  get isMissing(): boolean {
    return this.status === 404;
  }
}

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function hasCsrfToken(): boolean {
  return csrfToken !== null;
}

/** Called whenever the API answers 401 (no session, or it expired). Returns the unsubscribe function. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not announce a 401 to the app (the sign-in form handles its own). */
  quietUnauthorized?: boolean;
}

/** `GET /api/v1/sources?limit=20` → the parsed JSON body, or throws `ApiError`. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (STATE_CHANGING.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, signal: options.signal, credentials: 'same-origin' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  }
  return readResponse<T>(response, options.quietUnauthorized ?? false);
}

/** A file's bytes from the API (a PDF to draw): `await apiBytes('/api/v1/sources/01J…/media')` → ArrayBuffer. */
export async function apiBytes(path: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(path, { signal, credentials: 'same-origin' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  }
  if (response.ok) return response.arrayBuffer();
  return readResponse<never>(response, false);
}

async function readResponse<T>(response: Response, quietUnauthorized: boolean): Promise<T> {
  const text = await response.text();
  let parsed: unknown = null;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (response.ok) return parsed as T;
  const error = errorFrom(response.status, parsed);
  // A 403 about the CSRF token means the token was lost (a reload clears memory): signing in again issues a new one.
  const needsSignIn = response.status === 401 || (response.status === 403 && /csrf/i.test(error.code));
  if (needsSignIn && !quietUnauthorized) for (const listener of unauthorizedListeners) listener();
  throw error;
}

function errorFrom(status: number, body: unknown): ApiError {
  const inner = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof inner?.code === 'string' ? inner.code : status === 401 ? 'UNAUTHORIZED' : status === 404 ? 'NOT_FOUND' : `HTTP_${status}`;
  const message = typeof inner?.message === 'string' ? inner.message : `HTTP ${status}`;
  return new ApiError(status, code, message, body);
}

/**
 * Uploads files in one request with progress (fetch cannot report upload progress, so this uses XMLHttpRequest): one
 * file, or the parts of an archive split into parts, which the server reads together.
 * `uploadFiles([file], {}, p => …)` → `{ results: [{ file: 'a.txt', status: 'ingested', … }] }`.
 */
export function uploadFiles<T>(files: File[], fields: Record<string, string>, onProgress: (fraction: number) => void): Promise<T> {
  const form = new FormData();
  // Metadata fields go first: the server reads the parts in order and applies them to the files that follow.
  for (const [name, value] of Object.entries(fields)) if (value.trim() !== '') form.append(name, value.trim());
  for (const file of files) form.append('file', file, file.name);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/sources');
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'NETWORK', 'network error')));
    xhr.addEventListener('load', () => {
      // Response() refuses statuses outside 200–599 and a body on 204; neither comes from the API, but be safe.
      const status = xhr.status >= 200 && xhr.status <= 599 ? xhr.status : 502;
      const response = new Response(status === 204 ? null : xhr.responseText, { status });
      readResponse<T>(response, false).then(resolve, reject);
    });
    xhr.send(form);
  });
}

/** `{ limit: 20, language: '' }` → `?limit=20` (empty values left out). */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(name, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
