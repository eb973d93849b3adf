// The dashboard's calls to the researcher API: the bearer token from sessionStorage on every request, never in
// a URL. Downloads are fetched the same way and saved from a blob.

const TOKEN_KEY = 'vlab-researcher-token';

export const savedToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const saveToken = (token: string): void => sessionStorage.setItem(TOKEN_KEY, token);
export const forgetToken = (): void => sessionStorage.removeItem(TOKEN_KEY);

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function authorized(path: string): Promise<Response> {
  const token = savedToken();
  if (!token) throw new ApiError(401, 'no token');
  const res = await fetch(`/api/researcher${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { error?: { message?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(res.status, message);
  }
  return res;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await authorized(path)).json()) as T;
}

/** Fetches a file with the token and hands it to the browser as a download named by the server. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await authorized(path);
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
