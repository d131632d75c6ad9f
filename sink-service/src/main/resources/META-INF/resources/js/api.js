// The sink's public query API, and nothing else: the same calls a curl user makes.
// Paths are relative so the page also works behind a reverse proxy that mounts the sink under a prefix.

/** An API call that failed; `status` is the HTTP status, or 0 when the sink could not be reached. */
export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

// When the sink runs with urlcheck.api.token, /api/* wants "Authorization: Bearer <token>". The reader
// types it once (see main.js); it lives in sessionStorage, so it is gone when the tab closes.
const TOKEN_KEY = 'urlcheck.api.token';

/** The API token this tab was given, '' for none. */
export const token = () => sessionStorage.getItem(TOKEN_KEY) || '';

/** Remembers `value` as this tab's API token ('' forgets it). */
export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** Fired on window when the sink refused a call for want of a (right) token. */
export const UNAUTHORIZED_EVENT = 'urlcheck:unauthorized';

/** fetch() with the API token, turning network failures and error statuses into ApiError. */
export async function request(url, accept) {
  const headers = { Accept: accept };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  let response;
  try {
    response = await fetch(url, { headers });
  } catch (e) {
    throw new ApiError(`the sink did not answer (${e.message})`, 0);
  }
  if (!response.ok) {
    if (response.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    throw new ApiError(`${url.split('?')[0]}: ${await errorText(response)}`, response.status);
  }
  return response;
}

async function getJson(path, params) {
  return (await request(withQuery(path, params), 'application/json')).json();
}

async function errorText(response) {
  try {
    const body = await response.json();
    if (body && body.error) return `${response.status} ${body.error}`;
  } catch (ignored) {
    // not JSON: the status line says enough
  }
  return `${response.status} ${response.statusText}`;
}

/** `path?k=v&...` with empty values left out. */
export function withQuery(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** Recent jobs, newest first. */
export const jobs = () => getJson('api/jobs');

/** One job's progress; rejects with status 404 for an unknown job. */
export const job = (id) => getJson(`api/jobs/${encodeURIComponent(id)}`);

/** Counts by outcome and status class, latency percentiles, slowest URLs and failing hosts. */
export const summary = (jobId) => getJson('api/summary', { jobId });

/** One page of results: `{items, nextCursor}`. `filter` holds outcome, statusCode, host, q, jobId, sort. */
export const results = (filter, cursor, limit) => getJson('api/results', { ...filter, cursor, limit });

/** The latest result for a URL and its history; with `monitor`, only that monitor's runs of it. */
export const lookup = (url, monitor) => getJson('api/results/lookup', { url, monitor });

/** Every monitor with its URLs up and down after its last run. */
export const monitors = () => getJson('api/monitors');

/** A monitor's runs, newest first: `[{jobId, tick, up, down, total}]`. */
export const monitorRuns = (name, limit) => getJson(`api/monitors/${encodeURIComponent(name)}/runs`, { limit });

/** One page of monitor events, newest first: `{items, nextCursor}`. `filter` holds monitor, url, type, since. */
export const events = (filter, cursor, limit) => getJson('api/events', { ...filter, cursor, limit });

/** The URL that streams every result matching `filter` as `csv` or `jsonl`. */
export const exportUrl = (filter, format) => withQuery('api/results', { ...filter, format });

/**
 * Streams results as JSON Lines and hands each decoded result to `onResult`; at most `limit` of them.
 * Used for the latency histogram, which needs every response time rather than a page.
 */
export async function eachResult(filter, limit, onResult) {
  const response = await request(withQuery('api/results', { ...filter, format: 'jsonl', limit }), 'application/jsonl');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) onResult(JSON.parse(line));
    }
  }
  if (buffered.trim()) onResult(JSON.parse(buffered));
}
