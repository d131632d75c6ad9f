// The job header: the recent-jobs picker and the live progress of the selected job.
// Polls GET /api/jobs/{id} every POLL_MS; the list of jobs itself is reloaded every LIST_MS.
import * as api from './api.js';
import { formatCount, formatDuration, formatTime } from './format.js';

const POLL_MS = 1500;
const LIST_MS = 10000;

const $ = (id) => document.getElementById(id);

/** Percent shown on the bar: 100 only once the job is done, so a growing submission never reads 100 %. */
export function percentOf(job) {
  if (!job) return 0;
  if (job.done) return 100;
  if (!job.expected) return 0;
  return Math.min(99, Math.floor((job.checked * 100) / job.expected));
}

function stateOf(job) {
  if (!job) return ['none', 'all jobs'];
  if (job.done) return ['done', 'done'];
  // An intake job has no end a producer can see: its counts so far, not a job stuck ingesting.
  if (job.openEnded && !job.complete) return ['open-ended', 'open-ended'];
  if (!job.complete) return ['ingesting', 'ingesting'];
  return ['checking', 'checking'];
}

function render(job) {
  const [state, label] = stateOf(job);
  const badge = $('job-state');
  badge.dataset.state = state;
  badge.textContent = label;
  const percent = percentOf(job);
  const bar = $('job-progress');
  bar.setAttribute('aria-valuenow', String(percent));
  bar.dataset.percent = String(percent);
  bar.setAttribute('aria-valuetext', job ? `${percent} %, ${job.checked} of ${job.expected} checked` : 'no job selected');
  bar.querySelector('.progress-fill').style.width = `${percent}%`;
  bar.closest('.job').classList.toggle('no-job', !job);
  $('job-counts').textContent = job
    ? `${formatCount(job.checked)} of ${formatCount(job.expected)} checked · ${formatCount(job.remaining)} remaining`
    : 'Showing the latest result of every URL the sink has seen.';
  $('job-percent').textContent = job ? `${percent} %` : '–';
  $('job-rate').textContent = job && job.ratePerSecond !== null && job.ratePerSecond !== undefined
    ? `${job.ratePerSecond.toFixed(1)} /s` : '–';
  $('job-eta').textContent = !job ? '–' : job.done ? 'done' : formatDuration(job.etaSeconds);
  $('job-submitted').textContent = job ? formatCount(job.submitted) : '–';
  $('job-rejected').textContent = job ? formatCount(job.rejected) : '–';
  $('job-duplicates').textContent = job ? formatCount(job.duplicates) : '–';
  $('job-updated').textContent = job ? formatTime(job.updatedAt) : '–';
}

function optionLabel(job) {
  return `${job.jobId} · ${formatCount(job.checked)}/${formatCount(job.expected)}${job.done ? ' ✓' : ''}`;
}

function jobFromHash() {
  const match = /(?:^#|&)job=([^&]*)/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

/**
 * Starts the header. `onSelect(jobId)` runs when the shown job changes ('' = all results);
 * `onProgress(job, previous)` after every poll; `onError(message)` when a call fails.
 */
export function startJobs({ onSelect, onProgress, onError }) {
  const select = $('job-select');
  let current = null; // the selected job id, '' for all results
  let last = null; // the last job read for `current`
  let timer = null;
  let generation = 0; // a switch of job starts a new polling loop; the old one stops at its next turn

  async function reloadList() {
    let list;
    try {
      list = await api.jobs();
    } catch (e) {
      onError(`Jobs: ${e.message}`);
      return [];
    }
    if (document.activeElement === select) return list; // rebuilding the options would close an open picker
    const keep = select.value;
    select.replaceChildren(new Option('All results', ''));
    for (const job of list) select.append(new Option(optionLabel(job), job.jobId));
    if (current && !list.some((job) => job.jobId === current)) select.append(new Option(current, current));
    select.value = current ?? keep;
    return list;
  }

  async function poll(loop) {
    const id = current;
    if (id) {
      try {
        const job = await api.job(id);
        if (id === current) {
          const previous = last;
          last = job;
          render(job);
          const option = [...select.options].find((o) => o.value === id);
          if (option) option.textContent = optionLabel(job);
          onProgress(job, previous);
        }
      } catch (e) {
        onError(e.status === 404 ? `Job ${id} is not known to the sink (yet).` : `Job ${id}: ${e.message}`);
      }
    }
    if (loop === generation) timer = setTimeout(() => poll(loop), POLL_MS);
  }

  function choose(id) {
    if (id === current) return;
    current = id;
    last = null;
    select.value = id;
    const hash = id ? `#job=${encodeURIComponent(id)}` : '';
    if (window.location.hash !== hash) history.replaceState(null, '', hash || window.location.pathname);
    render(null);
    if (id) $('job-state').textContent = 'loading';
    onSelect(id);
    clearTimeout(timer);
    generation += 1;
    poll(generation);
  }

  select.addEventListener('change', () => choose(select.value));
  $('jobs-refresh').addEventListener('click', reloadList);
  window.addEventListener('hashchange', () => choose(jobFromHash() ?? ''));
  setInterval(reloadList, LIST_MS);

  reloadList().then((list) => {
    const wanted = jobFromHash();
    choose(wanted ?? (list.length ? list[0].jobId : ''));
  });
}
