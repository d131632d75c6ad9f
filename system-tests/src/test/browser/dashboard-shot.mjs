// Takes the README's screenshot of the dashboard: waits until job JOB_ID is done and the charts are
// drawn, then saves the top of the page at 1280 px. Run by DemoRun (system-tests, dashboard package).
//   SINK_URL, JOB_ID, SCREENSHOT (png path), SHOT_HEIGHT (px of page to keep, default 1500)
import { launch } from './chromium.mjs';

const sinkUrl = process.env.SINK_URL.replace(/\/$/, '');
const height = Number(process.env.SHOT_HEIGHT || 1500);
const browser = await launch({ width: 1280, height });
try {
  const { page } = browser;
  page.on('console', (m) => { if (m.type() === 'error') console.error(`console error: ${m.text()}`); });
  await page.goto(`${sinkUrl}/#job=${encodeURIComponent(process.env.JOB_ID)}`);
  let last = '';
  await page.waitForFunction(() => document.getElementById('job-progress').getAttribute('aria-valuenow') === '100',
    null, { timeout: 15 * 60000, polling: 1000 }).finally(async () => {
    last = await page.textContent('#job-counts');
  });
  console.log(`job done: ${last}`);
  // the overview is redrawn right after "done": wait until the histogram has read every result
  await page.waitForFunction(() => {
    const checked = document.getElementById('job-counts').textContent.split(' of ')[0];
    return document.getElementById('histogram-note').textContent.includes(` of ${checked} results`);
  }, null, { timeout: 60000 });
  await page.screenshot({ path: process.env.SCREENSHOT, clip: { x: 0, y: 0, width: 1280, height } });
  console.log(`saved ${process.env.SCREENSHOT}`);
} finally {
  await browser.close();
}
