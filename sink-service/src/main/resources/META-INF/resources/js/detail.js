// The detail panel for one URL: redirect chain, timing phases, TLS, attempts, error, and its history of checks
// (GET /api/results/lookup?url=).
import * as api from './api.js';
import { el, formatCount, formatMs, formatTime, outcomeBadge } from './format.js';

const $ = (id) => document.getElementById(id);
const DAY_MS = 24 * 3600 * 1000;

function fact(term, ...value) {
  return el('div', {}, el('dt', {}, term), el('dd', {}, ...value));
}

function redirectChain(result) {
  if (!result.redirects || result.redirects.length === 0) {
    return el('p', { class: 'muted' }, 'No redirects.');
  }
  const hops = result.redirects.map((hop) => el('li', {},
    el('span', { class: 'hop-status' }, hop.statusCode), ' ', el('span', { class: 'hop-url' }, hop.url)));
  hops.push(el('li', { class: 'hop-final' },
    el('span', { class: 'hop-status' }, result.statusCode ?? '–'), ' ',
    el('span', { class: 'hop-url' }, result.finalUrl || '–')));
  return el('ol', { class: 'redirect-chain', 'aria-label': `Redirect chain, ${result.redirects.length} hops` }, hops);
}

function tls(result) {
  if (!result.tls) return el('p', { class: 'muted' }, 'Not an https check.');
  const { protocol, notAfter, issuer, subject } = result.tls;
  const daysLeft = notAfter ? Math.floor((new Date(notAfter).getTime() - Date.now()) / DAY_MS) : null;
  const expiry = notAfter
    ? el('span', { class: daysLeft !== null && daysLeft < 14 ? 'warn' : '' },
      `${formatTime(notAfter)} (${daysLeft < 0 ? `expired ${-daysLeft} days ago` : `in ${daysLeft} days`})`)
    : '–';
  return el('dl', { class: 'facts' },
    fact('Expires', expiry), fact('Protocol', protocol || '–'), fact('Issuer', issuer || '–'),
    fact('Subject', subject || '–'));
}

const PHASES = [['dnsMs', 'DNS'], ['connectMs', 'Connect'], ['tlsMs', 'TLS'], ['firstByteMs', 'First byte'],
  ['transferMs', 'Transfer']];

/** Where the check's time went, phase by phase, summed over its redirect hops; a bar shows the shares. */
function timings(result) {
  const t = result.timings;
  if (!t) return el('p', { class: 'muted' }, 'Not measured.');
  const phases = PHASES.filter(([key]) => t[key] !== null && t[key] !== undefined);
  const total = phases.reduce((sum, [key]) => sum + t[key], 0);
  const bar = el('div', { class: 'phase-bar', 'aria-hidden': 'true' }, phases
    .filter(([key]) => t[key] > 0)
    .map(([key, label]) => el('span', { class: `phase phase-${key}`, title: `${label} ${formatMs(t[key])}`,
      style: `flex-grow: ${t[key] / Math.max(1, total)}` })));
  return el('div', {}, bar, el('dl', { class: 'facts timings' },
    ...phases.map(([key, label]) => fact(label, formatMs(t[key])))));
}

/** The checks as a strip, oldest first, each up (OK) or down; a monitor's URL shows how it went run by run. */
function historyStrip(entries) {
  const oldestFirst = [...entries].reverse();
  return el('ol', { class: 'run-strip history-strip', 'aria-label': 'Checks, oldest first' }, oldestFirst.map((r) => {
    const label = `${formatTime(r.checkedAt)}: ${r.outcome}${r.statusCode ? ` ${r.statusCode}` : ''}`;
    const state = r.outcome === 'SKIPPED' ? 'pending' : r.outcome === 'OK' ? 'up' : 'down';
    return el('li', {}, el('span', { class: 'run', title: label, 'aria-label': label, dataset: { state } },
      el('span', { class: 'run-down', style: `height: ${state === 'down' ? 100 : 0}%` })));
  }));
}

function history(entries) {
  if (!entries || entries.length === 0) return el('p', { class: 'muted' }, 'No earlier checks.');
  return el('div', {}, entries.length > 1 ? historyStrip(entries) : null, el('div', { class: 'table-wrap' }, el('table', { class: 'history' },
    el('caption', { class: 'visually-hidden' }, 'Every stored check of this URL'),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'Checked'), el('th', { scope: 'col' }, 'Outcome'),
      el('th', { scope: 'col', class: 'num' }, 'Status'), el('th', { scope: 'col', class: 'num' }, 'Time'),
      el('th', { scope: 'col' }, 'Job'))),
    el('tbody', {}, entries.map((r) => el('tr', {},
      el('td', {}, formatTime(r.checkedAt)), el('td', {}, outcomeBadge(r.outcome)),
      el('td', { class: 'num' }, r.statusCode ?? '–'), el('td', { class: 'num' }, formatMs(r.responseTimeMs)),
      el('td', {}, r.jobId || '–')))))));
}

function render(result, historySection) {
  const link = /^https?:\/\//i.test(result.url)
    ? el('a', { href: result.url, rel: 'noopener noreferrer', target: '_blank' }, result.url)
    : result.url;
  const sections = [
    el('p', { class: 'detail-url' }, link),
    el('dl', { class: 'facts' },
      fact('Outcome', outcomeBadge(result.outcome)),
      fact('Status', result.statusCode ?? '–'),
      fact('Response time', formatMs(result.responseTimeMs)),
      fact('First byte', formatMs(result.timeToFirstByteMs)),
      fact('Attempts', result.attempts ?? '–'),
      fact('Checked', formatTime(result.checkedAt)),
      fact('Title', result.title || '–'),
      fact('Content', [result.contentType, result.contentLength != null ? `${formatCount(result.contentLength)} bytes` : null]
        .filter(Boolean).join(', ') || '–'),
      fact('Job', result.jobId || '–'),
      fact('Worker', result.workerId || '–')),
    result.error ? el('section', { 'aria-labelledby': 'detail-error' },
      el('h3', { id: 'detail-error' }, 'Error'), el('p', { class: 'error-text' }, result.error)) : null,
    el('section', { 'aria-labelledby': 'detail-redirects' },
      el('h3', { id: 'detail-redirects' }, 'Redirect chain'), redirectChain(result)),
    el('section', { 'aria-labelledby': 'detail-timings' }, el('h3', { id: 'detail-timings' }, 'Timing'), timings(result)),
    el('section', { 'aria-labelledby': 'detail-tls' }, el('h3', { id: 'detail-tls' }, 'TLS'), tls(result)),
    el('section', { 'aria-labelledby': 'detail-history' },
      el('h3', { id: 'detail-history' }, 'History'), historySection),
  ];
  $('detail-body').replaceChildren(...sections.filter(Boolean));
}

/** Wires the panel's close button; returns `open(result, monitor)`: with a monitor, the history is that monitor's runs. */
export function startDetail({ onError }) {
  const dialog = $('detail');
  let shown = null;
  $('detail-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close(); // a click on the backdrop
  });

  return async function open(result, monitor) {
    shown = result.url;
    $('detail-title').textContent = monitor ? `Result · monitor ${monitor}` : 'Result';
    render(result, el('p', { class: 'muted' }, 'Loading…'));
    if (!dialog.open) dialog.showModal();
    try {
      const found = await api.lookup(result.url, monitor);
      if (shown !== result.url) return;
      render(found.latest || result, history(found.history));
    } catch (e) {
      if (shown !== result.url) return;
      render(result, el('p', { class: 'muted' }, 'History unavailable.'));
      onError(`History of ${result.url}: ${e.message}`);
    }
  };
}
