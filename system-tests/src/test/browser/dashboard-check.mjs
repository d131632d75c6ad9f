// Drives Debian's chromium through the sink's dashboard and asserts what a user would see.
// Run by DashboardIT, which seeds the sink and reads this script's stdout:
//   - "READY" means the page is open on the partly checked job; the IT then publishes the last results;
//   - the exit code is 0 only when every check passed; a failure says which on stderr.
// Input, from the environment:
//   SINK_URL          the sink's base URL, e.g. http://127.0.0.1:40123
//   DASHBOARD_EXPECT  JSON: {jobId, partialPercent, initialTimeouts[], finalTimeouts[], expected,
//                     redirect: {url, hops: ["301 https://...", ...]}, otherJob: {jobId, expected}}
//   SCREENSHOT        where to save the 1280 px screenshot; PHONE_SCREENSHOT the phone-width one and
//                     DETAIL_SCREENSHOT the open row detail (both optional)
import assert from 'node:assert/strict';
import { launch } from './chromium.mjs';

const sinkUrl = process.env.SINK_URL.replace(/\/$/, '');
const expect = JSON.parse(process.env.DASHBOARD_EXPECT);
const WAIT = { timeout: 60000 };

const step = (message) => console.log(`step: ${message}`);

/** Waits until the results table shows exactly `urls` (in any order), all with `outcome` when given. */
async function expectRows(page, urls, outcome) {
  const wanted = [...urls].sort();
  try {
    await page.waitForFunction(({ wanted, outcome }) => {
      const rows = [...document.querySelectorAll('#results-body tr')];
      const got = rows.map((r) => r.dataset.url).sort();
      return JSON.stringify(got) === JSON.stringify(wanted)
        && (!outcome || rows.every((r) => r.dataset.outcome === outcome));
    }, { wanted, outcome }, WAIT);
  } catch (e) {
    const got = await page.$$eval('#results-body tr', (rows) => rows.map((r) => `${r.dataset.outcome} ${r.dataset.url}`));
    assert.fail(`the table should show exactly ${JSON.stringify(wanted)}${outcome ? ` as ${outcome}` : ''}, `
      + `but showed ${JSON.stringify(got)}`);
  }
}

async function progress(page) {
  return page.$eval('#job-progress', (bar) => Number(bar.getAttribute('aria-valuenow')));
}

const problems = [];
const browser = await launch({ width: 1280, height: 900 });
try {
  const { page } = browser;
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(sinkUrl) && !request.url().startsWith('data:')) {
      problems.push(`request outside the sink (air-gapped page must make none): ${request.url()}`);
    }
  });

  step('the page opens on the newest job, partly checked');
  await page.goto(`${sinkUrl}/`);
  await page.waitForFunction((id) => document.getElementById('job-select').value === id, expect.jobId, WAIT);
  await page.waitForFunction((p) => document.getElementById('job-progress').getAttribute('aria-valuenow') === String(p),
    expect.partialPercent, WAIT);
  await page.waitForSelector('#outcome-cards .card[data-outcome="TIMEOUT"]', WAIT);
  await page.waitForSelector('#latency-chart', WAIT);
  assert.equal(await page.textContent('#job-state'), 'checking');

  step('switching to the earlier, finished job and back');
  await page.selectOption('#job-select', expect.otherJob.jobId);
  await page.waitForFunction((n) => document.getElementById('job-counts').textContent.startsWith(`${n} of ${n} checked`),
    expect.otherJob.expected, WAIT);
  assert.equal(await progress(page), 100);
  assert.match(page.url(), new RegExp(`#job=${expect.otherJob.jobId}$`));
  await page.waitForFunction((n) => document.querySelectorAll('#results-body tr').length === n, expect.otherJob.expected, WAIT);
  await page.selectOption('#job-select', expect.jobId);
  await page.waitForFunction((p) => document.getElementById('job-progress').getAttribute('aria-valuenow') === String(p),
    expect.partialPercent, WAIT);

  step('filtering by TIMEOUT shows exactly the seeded timeouts');
  await page.selectOption('#f-outcome', 'TIMEOUT');
  await expectRows(page, expect.initialTimeouts, 'TIMEOUT');
  const csv = await page.getAttribute('#export-csv', 'href');
  assert.match(csv, /format=csv/);
  assert.match(csv, /outcome=TIMEOUT/);
  const exported = await (await page.request.get(new URL(csv, `${sinkUrl}/`).href)).text();
  assert.equal(exported.trim().split(/\r?\n/).length, 1 + expect.initialTimeouts.length,
    `the CSV export of the filter should hold a header and the timeouts:\n${exported}`);

  console.log('READY'); // the IT now publishes the job's last results

  step('the progress bar reaches 100 % when the job completes');
  try {
    await page.waitForFunction(() => document.getElementById('job-progress').getAttribute('aria-valuenow') === '100', null, WAIT);
  } catch (e) {
    assert.fail(`the progress bar stayed at ${await progress(page)} % (${await page.textContent('#job-counts')})`);
  }
  assert.equal(await page.textContent('#job-state'), 'done');
  assert.equal(await page.textContent('#job-eta'), 'done');

  step('summary cards and the failing hosts follow the completed job');
  await page.waitForFunction((n) => document.querySelector('#outcome-cards .card[data-outcome="TIMEOUT"] .card-value')
    ?.textContent === String(n), expect.initialTimeouts.length + expect.finalTimeouts.length, WAIT);
  await page.waitForFunction(() => document.getElementById('failing-hosts').textContent.includes('slow.example.test'), null, WAIT);

  step('the filtered table follows the late results without a reload');
  await expectRows(page, [...expect.initialTimeouts, ...expect.finalTimeouts], 'TIMEOUT');

  step('the row detail shows the redirect chain and the timing phases');
  await page.click('#filters button[type="reset"]');
  await page.waitForFunction((n) => document.querySelectorAll('#results-body tr').length === n, expect.expected, WAIT);
  await page.click(`#results-body tr[data-url="${expect.redirect.url}"] .url-button`);
  await page.waitForSelector('#detail[open] .redirect-chain', WAIT);
  const hops = await page.$$eval('#detail .redirect-chain li', (items) => items.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
  assert.deepEqual(hops, expect.redirect.hops);
  const phases = await page.$$eval('#detail dl.timings > div',
    (items) => items.map((d) => `${d.querySelector('dt').textContent} ${d.querySelector('dd').textContent}`));
  assert.deepEqual(phases, expect.redirect.timings);
  await page.waitForSelector('#detail table.history tbody tr', WAIT); // the history came from /api/results/lookup
  if (process.env.DETAIL_SCREENSHOT) await page.screenshot({ path: process.env.DETAIL_SCREENSHOT });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.getElementById('detail').open, null, WAIT);

  step('screenshots, and no horizontal scrolling at phone width');
  await page.waitForFunction(() => document.getElementById('histogram-note').textContent.includes(' of '), null, WAIT);
  await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, null, WAIT)
    .catch(async () => assert.fail(`the page scrolls sideways at 390 px: ${await page.evaluate(() => document.documentElement.scrollWidth)} px wide`));
  await page.evaluate(() => window.scrollTo(0, 0));
  if (process.env.PHONE_SCREENSHOT) await page.screenshot({ path: process.env.PHONE_SCREENSHOT });

  assert.deepEqual(problems, [], 'the page raised errors');
  step('all checks passed');
} catch (e) {
  if (problems.length) console.error(`the page also raised:\n  ${problems.join('\n  ')}`);
  throw e;
} finally {
  await browser.close();
}
