/** The one way the web app talks to the server: JSON, the session cookie, and the CSRF header. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

type Options = { body?: unknown; form?: FormData; signal?: AbortSignal };

export async function api<T = unknown>(method: string, path: string, opts: Options = {}): Promise<T> {
  const headers: Record<string, string> = { 'x-switchboard-csrf': '1', accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  if (response.status === 204) return undefined as T;
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const error = payload?.error ?? {};
    throw new ApiError(response.status, error.code ?? 'HTTP_' + response.status, error.message ?? response.statusText, error.field, error);
  }
  return payload as T;
}

/** Upload with progress (fetch cannot report upload progress; XMLHttpRequest can). */
export function uploadWithProgress<T>(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('x-switchboard-csrf', '1');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const payload = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      if (xhr.status >= 200 && xhr.status < 300) resolve(payload as T);
      else reject(new ApiError(xhr.status, payload?.error?.code ?? 'HTTP_' + xhr.status, payload?.error?.message ?? xhr.statusText, payload?.error?.field));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The server could not be reached.'));
    xhr.send(form);
  });
}
