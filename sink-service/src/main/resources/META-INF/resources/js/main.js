// Wires the dashboard's parts together; each part lives in its own module.
import * as api from './api.js';
import { drawBreakdown, drawHistogram } from './charts.js';
import { startDetail } from './detail.js';
import { startExportLinks, updateExportLinks } from './export.js';
import { startJobs } from './jobs.js';
import { startMonitors } from './monitors.js';
import { startResults } from './results.js';
import { renderSummary } from './summary.js';

/** While a job runs, summary and charts are redrawn at most this often; the table's first page follows every poll. */
const OVERVIEW_MS = 5000;
/** With no job selected nothing polls, so the overview refreshes on this timer instead. */
const IDLE_REFRESH_MS = 15000;

const banner = document.getElementById('error-banner');
let bannerTimer = null;

function showError(message) {
  banner.textContent = message;
  banner.hidden = false;
  clearTimeout(bannerTimer);
  bannerTimer = setTimeout(() => { banner.hidden = true; }, 8000);
}

let jobId = '';
let overviewAt = 0;
let overviewSequence = 0;
let overviewTimer = null;

async function refreshOverview() {
  const mine = ++overviewSequence;
  const id = jobId;
  overviewAt = Date.now();
  try {
    const summary = await api.summary(id);
    if (mine !== overviewSequence) return;
    renderSummary(summary, results.outcome(), {
      onOutcome: (outcome) => results.setOutcome(outcome),
      onHost: (host) => results.setHost(host),
      onUrl: (url) => openDetail({ url }),
    });
    drawBreakdown(summary.byOutcome);
    await drawHistogram(id);
  } catch (e) {
    showError(`Summary: ${e.message}`);
  }
}

// A sink with urlcheck.api.token refuses /api/* without it: ask once, keep it for the tab, start over.
const tokenDialog = document.getElementById('token-dialog');
window.addEventListener(api.UNAUTHORIZED_EVENT, () => {
  if (tokenDialog.open) return;
  document.getElementById('token-why').textContent = api.token()
    ? 'The sink refused the token this tab was given. Type the current one.'
    : 'This sink only answers its API with a token (urlcheck.api.token). It is kept for this tab only.';
  tokenDialog.showModal();
});
tokenDialog.addEventListener('close', () => {
  const typed = document.getElementById('token-input').value.trim();
  if (tokenDialog.returnValue === 'save' && typed) {
    api.setToken(typed);
    window.location.reload();
  }
});

const openDetail = startDetail({ onError: showError });
startExportLinks({ onError: showError });

const results = startResults({
  onRow: openDetail,
  onFilter: (filter) => {
    updateExportLinks(filter);
    for (const card of document.querySelectorAll('#outcome-cards .card')) {
      const outcome = card.dataset.outcome === 'ALL' ? '' : card.dataset.outcome;
      card.setAttribute('aria-pressed', String(outcome === (filter.outcome || '')));
    }
  },
  onError: showError,
});

startMonitors({ onUrl: (url, monitor) => openDetail({ url }, monitor), onError: showError });

startJobs({
  onSelect: (id) => {
    jobId = id;
    results.setJob(id);
    refreshOverview();
  },
  onProgress: (job, previous) => {
    // the first poll of a job changes nothing: onSelect has just loaded everything
    if (!previous || (previous.checked === job.checked && previous.done === job.done)) return;
    results.refreshFirstPage();
    const wait = job.done && !previous.done ? 0 : Math.max(0, OVERVIEW_MS - (Date.now() - overviewAt));
    clearTimeout(overviewTimer); // the last change is always drawn, however fast they come
    overviewTimer = setTimeout(refreshOverview, wait);
  },
  onError: showError,
});

setInterval(() => {
  if (!jobId) {
    refreshOverview();
    results.refreshFirstPage();
  }
}, IDLE_REFRESH_MS);
