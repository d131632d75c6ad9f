// Takes the README's screenshot of a monitor's timeline (docs/monitor-timeline.png), and is MonitorDashboardIT's
// browser half: opens the dashboard, waits until the monitors view shows MONITOR's runs, saves that section at
// 1280 px and prints what the strip and the events show. It then opens the page at 390 px, opens the newest
// event's URL history, prints it, and fails on a console error or a page wider than the phone.
//   SINK_URL, SCREENSHOT (png path), MONITOR (optional: the monitor to show; default the first),
//   MIN_RUNS (runs to wait for, default 1), PHONE_SCREENSHOT (optional png path)
import { launch } from './chromium.mjs';

const sinkUrl = process.env.SINK_URL.replace(/\/$/, '');
const minRuns = Number(process.env.MIN_RUNS || 1);
const errors = [];

async function open(width, height) {
  const browser = await launch({ width, height });
  const { page } = browser;
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${width}px console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`${width}px page error: ${e.message}`));
  await page.goto(`${sinkUrl}/`);
  await page.waitForSelector('#monitors:not([hidden]) #run-strip li', { timeout: 120000 });
  if (process.env.MONITOR) {
    await page.click(`#monitors-body tr[data-monitor="${process.env.MONITOR}"] button`);
    await page.waitForFunction((name) => document.getElementById('timeline-name').textContent === name,
      process.env.MONITOR, { timeout: 30000 });
  }
  await page.waitForFunction((n) => document.querySelectorAll('#run-strip li').length >= n, minRuns,
    { timeout: 10 * 60000, polling: 1000 });
  return browser;
}

const wide = await open(1280, 900);
try {
  const section = await wide.page.$('#monitors');
  await section.screenshot({ path: process.env.SCREENSHOT });
  console.log(`saved ${process.env.SCREENSHOT}: ${await wide.page.textContent('#timeline-note')}`);
  console.log(await wide.page.evaluate(() => {
    const runs = [...document.querySelectorAll('#run-strip .run')];
    const down = runs.filter((r) => r.dataset.state === 'down' || r.dataset.state === 'partial').length;
    const marked = runs.filter((r) => r.dataset.event).length;
    return `strip: ${runs.length} runs, ${down} with a URL down, ${marked} marked with an event`;
  }));
  console.log(`events: ${(await wide.page.$$eval('#event-list li', (items) => items.map((li) => li.dataset.type))).join(' ')}`);
} finally {
  await wide.close();
}

const phone = await open(390, 844);
try {
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) errors.push(`390px: the page is ${overflow} px wider than the phone`);
  await phone.page.click('#event-list li .event-url');
  await phone.page.waitForSelector('#detail[open] .history-strip li', { timeout: 30000 });
  console.log(await phone.page.evaluate(() => {
    const checks = [...document.querySelectorAll('#detail .history-strip .run')];
    return `history: ${checks.length} checks, ${checks.filter((c) => c.dataset.state === 'down').length} down`;
  }));
  const dialogOverflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (dialogOverflow > 0) errors.push(`390px: the URL history is ${dialogOverflow} px wider than the phone`);
  if (process.env.PHONE_SCREENSHOT) await phone.page.screenshot({ path: process.env.PHONE_SCREENSHOT });
} finally {
  await phone.close();
}
if (errors.length) {
  console.error(errors.join('\n'));
  process.exit(1);
}
