// A throwaway stand-in for the sink's query API, for working on the dashboard without Kafka:
//   [API_TOKEN=t] node fake-sink.mjs [port] [urls]      then open http://localhost:<port>/
// It serves the dashboard's static files from sink-service and answers the shapes of the sink's API
// with generated results; the job "fake-run" completes over about a minute, and two monitors show
// past runs and events. DashboardIT does not use
// it: the IT runs against the real, packaged sink.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const port = Number(process.argv[2] || 8093);
const total = Number(process.argv[3] || 1000);
const root = fileURLToPath(new URL('../../../../sink-service/src/main/resources/META-INF/resources/', import.meta.url));
const started = Date.now();
const DURATION_MS = 60000;

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (weighted) => {
  let r = random() * weighted.reduce((a, [, w]) => a + w, 0);
  for (const [value, w] of weighted) if ((r -= w) < 0) return value;
  return weighted[0][0];
};

const hosts = ['example.com', 'docs.example.org', 'shop.example.net', 'api.example.io', 'blog.example.dev',
  'cdn.example.com', 'old.example.org', 'intranet.example.local'];
const all = [];
for (let i = 0; i < total; i++) {
  const host = hosts[i % hosts.length];
  const outcome = pick([['OK', 80], ['HTTP_ERROR', 9], ['TIMEOUT', 3], ['DNS_FAILURE', 2],
    ['CONNECTION_REFUSED', 2], ['TLS_ERROR', 1], ['TOO_MANY_REDIRECTS', 1], ['INVALID_URL', 2]]);
  const url = outcome === 'INVALID_URL' ? `htp:/broken-${i}` : `https://${host}/page/${i}`;
  const time = outcome === 'TIMEOUT' ? 10000 : Math.round(30 + Math.exp(random() * 7));
  const redirected = outcome === 'OK' && random() < 0.1;
  all.push({
    schemaVersion: 1, checkId: `c-${i}`, requestId: `r-${i}`, jobId: 'fake-run', input: url, url, outcome,
    statusCode: outcome === 'OK' ? 200 : outcome === 'HTTP_ERROR' ? pick([[404, 5], [500, 2], [403, 1]]) : null,
    responseTimeMs: outcome === 'INVALID_URL' ? null : time, timeToFirstByteMs: null,
    title: outcome === 'OK' ? `Page ${i} · ${host}` : null,
    finalUrl: redirected ? `https://www.${host}/page/${i}/` : outcome === 'OK' ? url : null,
    redirects: redirected ? [{ url, statusCode: 301 }, { url: `https://www.${host}/page/${i}`, statusCode: 308 }] : [],
    contentType: outcome === 'OK' ? 'text/html; charset=utf-8' : null, contentLength: outcome === 'OK' ? 5120 : null,
    error: outcome === 'OK' || outcome === 'HTTP_ERROR' ? null : `${outcome.toLowerCase()} talking to ${host}`,
    attempts: outcome === 'INVALID_URL' ? 0 : outcome === 'TIMEOUT' ? 3 : 1,
    checkedAt: new Date(started + (i * DURATION_MS) / total).toISOString(), workerId: 'fake-worker',
    tls: url.startsWith('https') && outcome !== 'TLS_ERROR'
      ? { protocol: 'TLSv1.3', notAfter: new Date(started + (5 + (i % 90)) * 86400000).toISOString(), issuer: 'CN=Fake CA', subject: `CN=${host}` }
      : null,
  });
}

const visible = () => all.filter((r) => Date.parse(r.checkedAt) <= Date.now());

function jobView() {
  const seen = visible();
  const elapsed = Math.max(1, (Date.now() - started) / 1000);
  const outcomes = {};
  for (const r of seen) outcomes[r.outcome] = (outcomes[r.outcome] || 0) + 1;
  const rate = seen.length / elapsed;
  const done = seen.length >= total;
  return {
    jobId: 'fake-run', submitted: total + 20, accepted: total - (outcomes.INVALID_URL || 0),
    rejected: all.filter((r) => r.outcome === 'INVALID_URL').length, duplicates: 12, skipped: 8,
    expected: total, checked: seen.length, remaining: total - seen.length, ratePerSecond: rate,
    etaSeconds: done ? 0 : (total - seen.length) / Math.max(rate, 0.1), complete: true, done,
    startedAt: new Date(started).toISOString(), updatedAt: new Date().toISOString(), outcomes,
  };
}

function filtered(q) {
  let rows = visible();
  const get = (k) => q.get(k) || '';
  if (get('jobId')) rows = rows.filter((r) => r.jobId === get('jobId'));
  if (get('outcome')) rows = rows.filter((r) => r.outcome === get('outcome'));
  if (get('host')) rows = rows.filter((r) => r.url.includes(`//${get('host')}/`));
  if (get('q')) rows = rows.filter((r) => `${r.url} ${r.title} ${r.error}`.includes(get('q')));
  const status = get('statusCode');
  if (status) rows = rows.filter((r) => r.statusCode !== null && (status.endsWith('xx')
    ? String(r.statusCode)[0] === status[0] : String(r.statusCode) === status));
  const sort = get('sort') || '-checkedAt';
  const key = sort.replace('-', '') === 'responseTime' ? 'responseTimeMs' : 'checkedAt';
  const sign = sort.startsWith('-') ? -1 : 1;
  return rows.sort((a, b) => sign * ((a[key] ?? -1) < (b[key] ?? -1) ? -1 : (a[key] ?? -1) > (b[key] ?? -1) ? 1 : 0));
}

function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary() {
  const rows = visible();
  const byOutcome = {};
  const byStatusClass = {};
  for (const r of rows) {
    byOutcome[r.outcome] = (byOutcome[r.outcome] || 0) + 1;
    if (r.statusCode) byStatusClass[`${String(r.statusCode)[0]}xx`] = (byStatusClass[`${String(r.statusCode)[0]}xx`] || 0) + 1;
  }
  const times = rows.map((r) => r.responseTimeMs).filter((t) => t !== null);
  return {
    total: rows.length, byOutcome, byStatusClass,
    latencyMs: { p50: percentile(times, 50), p90: percentile(times, 90), p99: percentile(times, 99) },
    slowest: rows.filter((r) => r.responseTimeMs !== null).sort((a, b) => b.responseTimeMs - a.responseTimeMs)
      .slice(0, 10).map((r) => ({ url: r.url, responseTimeMs: r.responseTimeMs })),
    failingHosts: Object.entries(rows.filter((r) => r.outcome !== 'OK' && r.url.includes('//'))
      .reduce((acc, r) => ({ ...acc, [r.url.split('/')[2]]: (acc[r.url.split('/')[2]] || 0) + 1 }), {}))
      .sort((a, b) => b[1] - a[1]).slice(0, 10).map(([host, failures]) => ({ host, failures })),
  };
}

// Monitors: two of them, each with RUNS past runs ending at the current tick. Every URL's outcome per run is
// fixed by a small script (a few outages, one flap, one URL still down), and the events are derived from it
// with the sink's rules (BROKEN after brokenAfter failures in a row, RECOVERED at the next OK).
const RUNS = 48;
const monitors = [
  { name: 'docs-site', every: 300, urls: 40, outages: { 3: [18, 26], 7: [33, 34], 11: [41, 99], 20: [30, 30] } },
  { name: 'shop-api', every: 60, urls: 12, outages: { 2: [10, 14], 5: [44, 45] } },
].map((m) => {
  const now = Math.floor(started / 1000 / m.every) * m.every;
  const urls = Array.from({ length: m.urls }, (_, i) => `https://${hosts[i % hosts.length]}/${m.name}/${i}`);
  const runs = [];
  const history = new Map(urls.map((u) => [u, []]));
  const events = [];
  const failures = new Map(urls.map((u) => [u, 0]));
  const broken = new Set();
  for (let r = 0; r < RUNS; r++) {
    const tick = new Date((now - (RUNS - 1 - r) * m.every) * 1000).toISOString();
    const jobId = `monitor:${m.name}:${now - (RUNS - 1 - r) * m.every}`;
    let up = 0;
    urls.forEach((url, i) => {
      const [from, to] = m.outages[i] || [-1, -1];
      const down = r >= from && r <= to;
      const outcome = down ? (i % 2 ? 'TIMEOUT' : 'HTTP_ERROR') : 'OK';
      const statusCode = outcome === 'OK' ? 200 : outcome === 'HTTP_ERROR' ? 503 : null;
      const at = new Date(Date.parse(tick) + 1500 + i * 40).toISOString();
      history.get(url).unshift({
        schemaVersion: 1, jobId, input: url, url, outcome, statusCode, responseTimeMs: down && !statusCode ? 10000 : 80 + (i * 7) % 90,
        title: outcome === 'OK' ? `Page ${i}` : null, finalUrl: outcome === 'OK' ? url : null, redirects: [],
        error: outcome === 'TIMEOUT' ? 'no response within 10 s' : null, attempts: 1, checkedAt: at, workerId: 'fake-worker',
      });
      if (!down) up++;
      const state = { outcome, statusCode, finalUrl: null, title: null, certificateNotAfter: null };
      const raise = (type, detail) => events.unshift({
        schemaVersion: 1, id: `${m.name}-${r}-${i}-${type}`, type, monitor: m.name, url, jobId, at,
        previous: null, current: state, detail, text: `[${m.name}] ${type} ${url}: ${detail}`,
      });
      if (down) {
        failures.set(url, failures.get(url) + 1);
        if (!broken.has(url) && failures.get(url) === 2) {
          broken.add(url);
          raise('BROKEN', `${outcome}${statusCode ? ` ${statusCode}` : ''}, 2 failures in a row (was OK 200)`);
        }
      } else {
        if (broken.has(url)) raise('RECOVERED', `OK 200 after ${failures.get(url)} failures`);
        broken.delete(url);
        failures.set(url, 0);
      }
    });
    if (m.name === 'docs-site' && r === 12) {
      events.unshift({ schemaVersion: 1, id: 'cert-0', type: 'CERT_EXPIRING', monitor: m.name, url: urls[0], jobId,
        at: tick, previous: null, current: null, detail: 'the certificate ends in 9 days', text: `[${m.name}] CERT_EXPIRING ${urls[0]}` });
    }
    if (m.name === 'docs-site' && r === 38) {
      events.unshift({ schemaVersion: 1, id: 'changed-5', type: 'CHANGED', monitor: m.name, url: urls[5], jobId,
        at: tick, previous: null, current: null, detail: 'title "Page 5" → "Page 5 (moved)"', text: `[${m.name}] CHANGED ${urls[5]}` });
    }
    runs.unshift({ jobId, tick, up, down: urls.length - up, total: urls.length });
  }
  const latestDown = urls.filter((u) => history.get(u)[0].outcome !== 'OK').length;
  return {
    summary: { name: m.name, schedule: { every: m.every >= 3600 ? `${m.every / 3600}h` : `${m.every / 60}m` }, urls: urls.length,
      up: urls.length - latestDown, down: latestDown, lastRun: runs[0].tick, lastJobId: runs[0].jobId },
    runs, history, events,
  };
});

/** Newest first, paged with an offset cursor like the results. */
function eventsPage(q) {
  let rows = monitors.flatMap((m) => m.events).sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  for (const key of ['monitor', 'url', 'type']) if (q.get(key)) rows = rows.filter((e) => e[key] === q.get(key));
  if (q.get('since')) rows = rows.filter((e) => Date.parse(e.at) >= Date.parse(q.get('since')));
  const limit = Number(q.get('limit') || 50);
  const offset = Number(q.get('cursor') || 0);
  return { items: rows.slice(offset, offset + limit), nextCursor: rows.length > offset + limit ? String(offset + limit) : null };
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.md': 'text/markdown' };

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const json = (status, body) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const path = url.pathname;
  // API_TOKEN=... makes /api/* want a bearer token, as the sink does with urlcheck.api.token
  if (process.env.API_TOKEN && path.startsWith('/api/') && req.headers.authorization !== `Bearer ${process.env.API_TOKEN}`) {
    return json(401, { error: 'missing or invalid bearer token' });
  }
  if (path === '/api/jobs') return json(200, [jobView()]);
  if (path.startsWith('/api/jobs/')) {
    const id = decodeURIComponent(path.slice(10));
    const run = monitors.flatMap((m) => m.runs).find((r) => r.jobId === id);
    if (run) { // a monitor's run: done, its results counted
      return json(200, { jobId: id, submitted: run.total, accepted: run.total, rejected: 0, duplicates: 0, skipped: 0,
        expected: run.total, checked: run.total, remaining: 0, ratePerSecond: null, etaSeconds: 0, complete: true,
        done: true, startedAt: run.tick, updatedAt: run.tick, outcomes: { OK: run.up, HTTP_ERROR: run.down } });
    }
    return id === 'fake-run' ? json(200, jobView()) : json(404, { error: 'unknown job' });
  }
  if (path === '/api/summary') return json(200, summary());
  if (path === '/api/monitors') return json(200, monitors.map((m) => m.summary));
  const runsPath = /^\/api\/monitors\/([^/]+)\/runs$/.exec(path);
  if (runsPath) {
    const m = monitors.find((x) => x.summary.name === decodeURIComponent(runsPath[1]));
    return m ? json(200, m.runs.slice(0, Number(url.searchParams.get('limit') || 50))) : json(404, { error: 'unknown monitor' });
  }
  if (path === '/api/events') return json(200, eventsPage(url.searchParams));
  if (path === '/api/results/lookup' && url.searchParams.get('monitor')) {
    const m = monitors.find((x) => x.summary.name === url.searchParams.get('monitor'));
    const history = m && m.history.get(url.searchParams.get('url'));
    return history ? json(200, { latest: history[0], history }) : json(404, { error: 'unknown url' });
  }
  if (path === '/api/results/lookup') {
    const found = all.find((r) => r.url === url.searchParams.get('url'));
    return found ? json(200, { latest: found, history: [found] }) : json(404, { error: 'unknown url' });
  }
  if (path === '/api/results') {
    let rows = filtered(url.searchParams);
    const format = url.searchParams.get('format') || 'json';
    const limit = Number(url.searchParams.get('limit') || (format === 'json' ? 50 : 0));
    const offset = Number(url.searchParams.get('cursor') || 0);
    if (format === 'jsonl') {
      res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
      return res.end(rows.slice(0, limit || undefined).map((r) => JSON.stringify(r)).join('\n') + '\n');
    }
    if (format === 'csv') {
      res.writeHead(200, { 'Content-Type': 'text/csv' });
      return res.end(['url,outcome,statusCode,responseTimeMs', ...rows.map((r) => `${r.url},${r.outcome},${r.statusCode ?? ''},${r.responseTimeMs ?? ''}`)].join('\n'));
    }
    rows = rows.slice(offset, offset + limit + 1);
    return json(200, { items: rows.slice(0, limit), nextCursor: rows.length > limit ? String(offset + limit) : null });
  }
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  if (!file.startsWith(root)) return json(400, { error: 'bad path' });
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
    res.end(body);
  } catch {
    json(404, { error: 'not found' });
  }
}).listen(port, '127.0.0.1', () => console.log(`fake sink on http://127.0.0.1:${port}/`));
