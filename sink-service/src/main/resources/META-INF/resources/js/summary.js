// Summary cards: how many results per outcome (each card filters the table) and latency percentiles.
import { OUTCOMES, el, formatCount, formatMs, outcomeLabel } from './format.js';

/** How many entries of the top lists are shown. */
const TOP = 5;

const $ = (id) => document.getElementById(id);

/** Outcomes to show: every known one with results, then any the page does not know yet. */
function shownOutcomes(byOutcome) {
  const known = OUTCOMES.filter((o) => (byOutcome[o] || 0) > 0);
  const unknown = Object.keys(byOutcome).filter((o) => !OUTCOMES.includes(o) && byOutcome[o] > 0);
  return [...known, ...unknown];
}

function renderTops(summary, onHost, onUrl) {
  const hosts = (summary.failingHosts || []).slice(0, TOP).map(({ host, failures }) => {
    const button = el('button', { type: 'button', class: 'link-button', 'aria-label': `${host}: ${failures} failing. Show its results.` },
      host);
    button.addEventListener('click', () => onHost(host));
    return el('li', {}, button, el('span', { class: 'top-value' }, `${formatCount(failures)} failing`));
  });
  const slowest = (summary.slowest || []).slice(0, TOP).map(({ url, responseTimeMs }) => {
    const button = el('button', { type: 'button', class: 'link-button', title: url }, url);
    button.addEventListener('click', () => onUrl(url));
    return el('li', {}, button, el('span', { class: 'top-value' }, formatMs(responseTimeMs)));
  });
  $('failing-hosts').replaceChildren(...(hosts.length ? hosts : [el('li', { class: 'muted' }, 'No failures.')]));
  $('slowest').replaceChildren(...(slowest.length ? slowest : [el('li', { class: 'muted' }, 'No timed results yet.')]));
}

/**
 * Renders `summary` (GET /api/summary). `activeOutcome` marks the card the table is filtered by;
 * `onOutcome(outcome)` runs when a card is chosen ('' for the total card), `onHost(host)` when a
 * failing host is, and `onUrl(url)` when one of the slowest URLs is.
 */
export function renderSummary(summary, activeOutcome, { onOutcome, onHost, onUrl }) {
  renderTops(summary, onHost, onUrl);
  const byOutcome = summary.byOutcome || {};
  const total = summary.total ?? Object.values(byOutcome).reduce((a, b) => a + b, 0);
  const card = (outcome, label, count) => {
    const share = total > 0 ? Math.round((count * 100) / total) : 0;
    const button = el('button', {
      type: 'button',
      class: 'card',
      dataset: { outcome: outcome || 'ALL' },
      'aria-pressed': String((activeOutcome || '') === outcome),
      'aria-label': `${label}: ${count} result${count === 1 ? '' : 's'}${outcome ? `, ${share} %` : ''}. Show them in the table.`,
    }, el('span', { class: 'card-value' }, formatCount(count)), el('span', { class: 'card-label' }, label));
    button.addEventListener('click', () => onOutcome(outcome));
    return el('li', {}, button);
  };
  $('outcome-cards').replaceChildren(
    card('', 'Total', total),
    ...shownOutcomes(byOutcome).map((o) => card(o, outcomeLabel(o), byOutcome[o])),
  );
  const latency = summary.latencyMs || {};
  $('latency-cards').replaceChildren(...['p50', 'p90', 'p99'].map((p) => el('li', { class: 'card stat' },
    el('span', { class: 'card-value' }, formatMs(latency[p])),
    el('span', { class: 'card-label' }, `${p} latency`))));
}
