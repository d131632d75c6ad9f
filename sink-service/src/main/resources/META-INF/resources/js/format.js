// Small shared helpers: the outcome vocabulary, number and time formatting, and DOM building.
// Everything that shows server data goes through textContent, never innerHTML.

/** Outcome names from the contract's Outcome enum, in the order the page lists them. */
export const OUTCOMES = [
  'OK', 'HTTP_ERROR', 'TIMEOUT', 'DNS_FAILURE', 'CONNECTION_REFUSED', 'CONNECTION_ERROR',
  'TLS_ERROR', 'TOO_MANY_REDIRECTS', 'BLOCKED', 'INVALID_URL', 'SKIPPED',
];

/** One colour per outcome; the CSS uses the same values through [data-outcome]. */
export const OUTCOME_COLOURS = {
  OK: '#2e7d32',
  HTTP_ERROR: '#e65100',
  TIMEOUT: '#6a1b9a',
  DNS_FAILURE: '#c62828',
  CONNECTION_REFUSED: '#ad1457',
  CONNECTION_ERROR: '#8d6e63',
  TLS_ERROR: '#d81b60',
  TOO_MANY_REDIRECTS: '#f9a825',
  BLOCKED: '#546e7a',
  INVALID_URL: '#78909c',
  SKIPPED: '#9e9e9e',
};

const LABELS = {
  OK: 'OK', HTTP_ERROR: 'HTTP error', TIMEOUT: 'Timeout', DNS_FAILURE: 'DNS failure',
  CONNECTION_REFUSED: 'Connection refused', CONNECTION_ERROR: 'Connection error', TLS_ERROR: 'TLS error',
  TOO_MANY_REDIRECTS: 'Too many redirects', BLOCKED: 'Blocked', INVALID_URL: 'Invalid URL', SKIPPED: 'Skipped',
};

/** "HTTP_ERROR" → "HTTP error"; an outcome this page does not know yet is shown as sent. */
export function outcomeLabel(outcome) {
  return outcome ? LABELS[outcome] || outcome : '–';
}

const integer = new Intl.NumberFormat('en');

/** 12345 → "12,345"; null → "–". */
export function formatCount(n) {
  return n === null || n === undefined ? '–' : integer.format(n);
}

/** Milliseconds as "87 ms" or "1.24 s". */
export function formatMs(ms) {
  if (ms === null || ms === undefined) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

/** Seconds as "45 s", "3 min 20 s" or "2 h 5 min". */
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** An ISO-8601 instant in the reader's local time, to the second. */
export function formatTime(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
}

/** Creates an element: `el('a', {href: u, class: 'x'}, 'text', child)`. Attributes false/null are skipped. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'class') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A coloured outcome badge. */
export function outcomeBadge(outcome) {
  return el('span', { class: 'outcome', dataset: { outcome: outcome || 'NONE' } }, outcomeLabel(outcome));
}
