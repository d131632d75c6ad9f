// The monitors view: every monitor with its URLs up and down, and for the chosen one a timeline of its runs
// (a strip, oldest to newest, each run split into up and down) above the events its runs raised.
// A run links to its job (#job=monitor:NAME:TICK), which the rest of the page then shows; a URL in an
// event opens its history within the monitor. The section stays hidden while the sink knows no monitor.
import * as api from './api.js';
import { el, formatCount, formatTime } from './format.js';

const POLL_MS = 10000;
const RUNS = 50;
const EVENTS_PAGE = 25;

const $ = (id) => document.getElementById(id);

/** What the strip shows of a run: all up, all down, some of each, or no result yet. */
export function runState(run) {
  if (!run.total) return 'pending';
  if (!run.down) return 'up';
  return run.up ? 'partial' : 'down';
}

/** Event types by how much they matter: a run with several events is marked by the first of these. */
const SEVERITY = ['BROKEN', 'CERT_EXPIRING', 'RECOVERED', 'CHANGED'];

const TYPE_LABELS = { BROKEN: 'Broken', RECOVERED: 'Recovered', CHANGED: 'Changed', CERT_EXPIRING: 'Cert expiring' };

function typeBadge(type) {
  return el('span', { class: 'event-type', dataset: { type } }, TYPE_LABELS[type] || type);
}

function monitorRow(monitor, chosen, onChoose) {
  const button = el('button', { type: 'button', class: 'url-button', 'aria-pressed': String(chosen) }, monitor.name);
  button.addEventListener('click', () => onChoose(monitor.name));
  const schedule = monitor.schedule ? (monitor.schedule.every ? `every ${monitor.schedule.every}` : `cron ${monitor.schedule.cron}`) : '–';
  return el('tr', { class: chosen ? 'chosen' : '', dataset: { monitor: monitor.name } },
    el('td', {}, button),
    el('td', { class: 'col-wide' }, schedule),
    el('td', { class: 'num' }, formatCount(monitor.urls)),
    el('td', { class: 'num' }, el('span', { class: 'count-up' }, formatCount(monitor.up))),
    el('td', { class: 'num' }, el('span', { class: monitor.down ? 'count-down' : 'muted' }, formatCount(monitor.down))),
    el('td', { class: 'col-wide' }, formatTime(monitor.lastRun)));
}

function runItem(run, eventType) {
  const state = runState(run);
  // a single URL down of thousands still shows: a run with any down is at least a sliver red
  const downShare = run.total && run.down ? Math.max(15, Math.round((run.down * 100) / run.total)) : 0;
  const label = `${formatTime(run.tick)}: ${run.total ? `${run.up} up, ${run.down} down` : 'no result yet'}`
    + `${eventType ? `, ${TYPE_LABELS[eventType] || eventType}` : ''}`;
  const link = el('a', {
    class: 'run', href: `#job=${encodeURIComponent(run.jobId)}`, title: label, 'aria-label': label,
    dataset: eventType ? { state, event: eventType } : { state },
  }, el('span', { class: 'run-down', style: `height: ${downShare}%` }));
  // the job header below takes the run from the address; bring it into view
  link.addEventListener('click', () => document.querySelector('.job').scrollIntoView({ block: 'start' }));
  return el('li', {}, link);
}

function eventItem(event, onUrl) {
  const url = el('button', { type: 'button', class: 'link-button event-url', title: event.url }, event.url);
  url.addEventListener('click', () => onUrl(event.url));
  return el('li', { dataset: { type: event.type } },
    el('span', { class: 'event-time' }, formatTime(event.at)), typeBadge(event.type), url,
    event.detail ? el('span', { class: 'event-detail' }, event.detail) : null);
}

/**
 * Starts the view. `onUrl(url, monitor)` opens a URL's history within a monitor; `onError(message)` reports a
 * failed call. Returns nothing: the view polls on its own.
 */
export function startMonitors({ onUrl, onError }) {
  const section = $('monitors');
  let chosen = null;
  let cursor = null; // nextCursor of the events shown, for "More events"
  let expanded = false; // more events were loaded: polls leave the list alone rather than cut it back
  let sequence = 0;

  let timer = null;

  function choose(name) {
    chosen = name;
    cursor = null;
    expanded = false;
    refresh();
  }

  async function refresh() {
    const mine = ++sequence;
    let list;
    try {
      list = await api.monitors();
    } catch (e) {
      if (e.status === 404) { // a sink from before monitors: no view, and no more asking
        section.hidden = true;
        clearInterval(timer);
      } else if (mine === sequence) {
        onError(`Monitors: ${e.message}`);
      }
      return;
    }
    if (mine !== sequence) return;
    section.hidden = list.length === 0;
    if (!list.length) return;
    if (!list.some((m) => m.name === chosen)) chosen = list[0].name;
    $('monitors-body').replaceChildren(...list.map((m) => monitorRow(m, m.name === chosen, choose)));
    await showTimeline(chosen, mine);
  }

  async function showTimeline(name, mine) {
    let runs;
    let page;
    try {
      [runs, page] = await Promise.all([api.monitorRuns(name, RUNS), api.events({ monitor: name }, null, EVENTS_PAGE)]);
    } catch (e) {
      if (mine === sequence) onError(`Monitor ${name}: ${e.message}`);
      return;
    }
    if (mine !== sequence) return;
    $('timeline-name').textContent = name;
    const oldestFirst = [...runs].reverse();
    const marks = new Map();
    for (const event of page.items) {
      const known = marks.get(event.jobId);
      if (!known || SEVERITY.indexOf(event.type) < SEVERITY.indexOf(known)) marks.set(event.jobId, event.type);
    }
    $('run-strip').replaceChildren(...oldestFirst.map((run) => runItem(run, marks.get(run.jobId))));
    $('strip-box').style.setProperty('--runs', String(Math.max(1, oldestFirst.length)));
    $('strip-from').textContent = oldestFirst.length ? formatTime(oldestFirst[0].tick) : '';
    $('strip-to').textContent = oldestFirst.length > 1 ? formatTime(oldestFirst[oldestFirst.length - 1].tick) : '';
    const last = runs[0];
    $('timeline-note').textContent = last
      ? `${runs.length} run${runs.length === 1 ? '' : 's'} shown, newest on the right; the last: ${last.up} up, ${last.down} down of ${last.total}.`
      : 'No run yet: the first starts on the next tick.';
    if (expanded) return;
    const list = $('event-list');
    list.replaceChildren(...page.items.map((event) => eventItem(event, (url) => onUrl(url, name))));
    if (!page.items.length) list.append(el('li', { class: 'muted' }, 'No events yet.'));
    cursor = page.nextCursor;
    $('events-more').hidden = !cursor;
  }

  async function moreEvents() {
    const name = chosen;
    try {
      const page = await api.events({ monitor: name }, cursor, EVENTS_PAGE);
      if (name !== chosen) return;
      expanded = true;
      $('event-list').append(...page.items.map((event) => eventItem(event, (url) => onUrl(url, name))));
      cursor = page.nextCursor;
      $('events-more').hidden = !cursor;
    } catch (e) {
      onError(`Events of ${name}: ${e.message}`);
    }
  }

  $('events-more').addEventListener('click', moreEvents);
  $('monitors-refresh').addEventListener('click', refresh);
  timer = setInterval(refresh, POLL_MS);
  refresh();
}
