// The results table: filters, sorting and cursor pagination over GET /api/results.
import * as api from './api.js';
import { OUTCOMES, el, formatMs, formatTime, outcomeBadge, outcomeLabel } from './format.js';

/** Rows per page. */
export const PAGE_SIZE = 50;

const $ = (id) => document.getElementById(id);

function row(result, onRow) {
  const open = el('button', { type: 'button', class: 'url-button', title: result.url }, result.url);
  open.addEventListener('click', (event) => {
    event.stopPropagation();
    onRow(result);
  });
  const tr = el('tr', { dataset: { url: result.url, outcome: result.outcome } },
    el('td', { class: 'col-url' }, open, result.title ? el('span', { class: 'row-title' }, result.title) : null),
    el('td', {}, outcomeBadge(result.outcome)),
    el('td', { class: 'num' }, result.statusCode ?? '–'),
    el('td', { class: 'num' }, formatMs(result.responseTimeMs)),
    el('td', { class: 'col-checked' }, el('time', { datetime: result.checkedAt }, formatTime(result.checkedAt))));
  tr.addEventListener('click', () => onRow(result));
  return tr;
}

/**
 * Starts the table. `onRow(result)` opens a row's detail; `onFilter(filter)` runs whenever the filter
 * changes (export links follow it); `onError(message)` when a call fails.
 */
export function startResults({ onRow, onFilter, onError }) {
  const form = $('filters');
  const outcomeSelect = $('f-outcome');
  for (const o of OUTCOMES) outcomeSelect.append(new Option(outcomeLabel(o), o));

  let jobId = '';
  let cursors = [null]; // cursors[i] fetches page i
  let page = 0;
  let sequence = 0; // answers to superseded requests are dropped
  let debounce = null;

  function filter() {
    const data = new FormData(form);
    return {
      jobId,
      outcome: data.get('outcome'),
      statusCode: data.get('statusCode'),
      host: String(data.get('host') || '').trim(),
      q: String(data.get('q') || '').trim(),
      sort: data.get('sort'),
    };
  }

  function markSortHeaders(sort) {
    for (const th of document.querySelectorAll('#results-table th[data-sort]')) {
      const key = th.dataset.sort;
      const state = sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : 'none';
      th.setAttribute('aria-sort', state);
    }
  }

  async function load() {
    const mine = ++sequence;
    const current = filter();
    markSortHeaders(current.sort);
    const status = $('results-status');
    status.textContent = 'Loading…';
    let answer;
    try {
      answer = await api.results(current, cursors[page], PAGE_SIZE);
    } catch (e) {
      if (mine === sequence) {
        status.textContent = '';
        onError(`Results: ${e.message}`);
      }
      return;
    }
    if (mine !== sequence) return;
    const items = answer.items || [];
    $('results-body').replaceChildren(...items.map((r) => row(r, onRow)));
    cursors[page + 1] = answer.nextCursor || null;
    cursors.length = page + 2;
    const first = page * PAGE_SIZE + 1;
    status.textContent = items.length === 0
      ? 'No results match.'
      : `Showing ${first}–${first + items.length - 1}${answer.nextCursor ? ', more on the next page' : ''}.`;
    $('results-table').dataset.loaded = String(mine);
    $('page-label').textContent = `Page ${page + 1}`;
    $('page-prev').disabled = page === 0;
    $('page-next').disabled = !answer.nextCursor;
  }

  function restart() {
    cursors = [null];
    page = 0;
    onFilter(filter());
    load();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    restart();
  });
  form.addEventListener('change', (event) => {
    if (event.target.tagName === 'SELECT') restart();
  });
  form.addEventListener('input', (event) => {
    if (event.target.tagName !== 'INPUT') return;
    clearTimeout(debounce);
    debounce = setTimeout(restart, 300);
  });
  form.addEventListener('reset', () => setTimeout(restart)); // after the browser cleared the fields

  for (const th of document.querySelectorAll('#results-table th[data-sort]')) {
    const key = th.dataset.sort;
    const button = el('button', { type: 'button', class: 'sort-button' }, th.textContent);
    button.setAttribute('aria-label', `Sort by ${th.textContent.toLowerCase()}`);
    button.addEventListener('click', () => {
      const sort = $('f-sort');
      // first click: slowest or newest first; a second click flips the direction
      sort.value = sort.value === `-${key}` ? key : `-${key}`;
      restart();
    });
    th.replaceChildren(button);
  }

  $('page-next').addEventListener('click', () => {
    if (!cursors[page + 1]) return;
    page += 1;
    load();
  });
  $('page-prev').addEventListener('click', () => {
    if (page === 0) return;
    page -= 1;
    load();
  });

  return {
    /** Shows `id`'s results ('' = all jobs) from the first page. */
    setJob(id) {
      jobId = id;
      restart();
    },
    /** Filters by one outcome ('' = any), as the summary cards do. */
    setOutcome(outcome) {
      outcomeSelect.value = outcome;
      restart();
      $('results-heading').focus();
    },
    /** Filters by one host, as the failing-hosts list does; other filters are cleared. */
    setHost(host) {
      for (const id of ['f-outcome', 'f-status', 'f-q']) $(id).value = '';
      $('f-host').value = host;
      restart();
      $('results-heading').focus();
    },
    /** The outcome the table is filtered by, '' for any. */
    outcome: () => outcomeSelect.value,
    /** Reloads the first page if it is shown: new results then show up without moving the reader. */
    refreshFirstPage() {
      // a keyboard user inside the table would lose their place if the rows were replaced under them
      if (page === 0 && !$('results-body').contains(document.activeElement)) load();
    },
  };
}
