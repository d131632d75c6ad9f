// The latency histogram and the outcome breakdown, drawn with the vendored Chart.js (window.Chart).
// The histogram is bucketed here, in the browser, from the job's results streamed as JSON Lines:
// fine at the dashboard's scale (HISTOGRAM_LIMIT results at most), and it keeps the API generic.
import * as api from './api.js';
import { OUTCOMES, OUTCOME_COLOURS, formatCount, outcomeLabel } from './format.js';

/** At most this many results are read for one histogram. */
export const HISTOGRAM_LIMIT = 20000;

/** Bucket upper bounds in ms; roughly logarithmic, because latency is. The last bucket is open. */
const EDGES = [50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000];

const BUCKET_LABELS = [
  ...EDGES.map((upper, i) => `${i === 0 ? '<' : `${short(EDGES[i - 1])}–`}${short(upper)}`),
  `≥${short(EDGES[EDGES.length - 1])}`,
];

function short(ms) {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}

/** The index of the bucket `ms` falls in. */
export function bucketOf(ms) {
  const i = EDGES.findIndex((upper) => ms < upper);
  return i < 0 ? EDGES.length : i;
}

let histogram = null;
let breakdown = null;

function baseOptions() {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
  };
}

/** Reads the results of `jobId` ('' = all) and redraws the histogram, stacked by outcome. */
export async function drawHistogram(jobId) {
  const counts = {}; // outcome -> per-bucket counts
  let timed = 0;
  let read = 0;
  await api.eachResult({ jobId }, HISTOGRAM_LIMIT, (result) => {
    read += 1;
    if (result.responseTimeMs === null || result.responseTimeMs === undefined) return;
    timed += 1;
    const row = counts[result.outcome] || (counts[result.outcome] = new Array(BUCKET_LABELS.length).fill(0));
    row[bucketOf(result.responseTimeMs)] += 1;
  });
  const outcomes = [...OUTCOMES, ...Object.keys(counts).filter((o) => !OUTCOMES.includes(o))]
    .filter((o) => counts[o]);
  const datasets = outcomes.map((o) => ({
    label: outcomeLabel(o),
    data: counts[o],
    backgroundColor: OUTCOME_COLOURS[o] || '#999',
    stack: 'time',
  }));
  if (!histogram) {
    histogram = new window.Chart(document.getElementById('latency-chart'), {
      type: 'bar',
      data: { labels: BUCKET_LABELS, datasets },
      options: {
        ...baseOptions(),
        scales: {
          x: { stacked: true, title: { display: true, text: 'response time' } },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: 'URLs' }, ticks: { precision: 0 } },
        },
      },
    });
  } else {
    histogram.data.datasets = datasets;
    histogram.update();
  }
  const capped = read >= HISTOGRAM_LIMIT ? ` (the first ${formatCount(HISTOGRAM_LIMIT)} results only)` : '';
  document.getElementById('histogram-note').textContent =
    `${formatCount(timed)} of ${formatCount(read)} results have a response time${capped}.`;
}

/** Redraws the outcome breakdown from a summary's byOutcome counts. */
export function drawBreakdown(byOutcome = {}) {
  const outcomes = [...OUTCOMES, ...Object.keys(byOutcome).filter((o) => !OUTCOMES.includes(o))]
    .filter((o) => (byOutcome[o] || 0) > 0);
  const data = {
    labels: outcomes.map(outcomeLabel),
    datasets: [{
      label: 'URLs',
      data: outcomes.map((o) => byOutcome[o]),
      backgroundColor: outcomes.map((o) => OUTCOME_COLOURS[o] || '#999'),
    }],
  };
  if (!breakdown) {
    breakdown = new window.Chart(document.getElementById('outcome-chart'), {
      type: 'bar',
      data,
      options: {
        ...baseOptions(),
        indexAxis: 'y',
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  } else {
    breakdown.data = data;
    breakdown.update();
  }
}
