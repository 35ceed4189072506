// Browser test of Swagger UI (.ci/api-checks runs it against the local run):
// opens /swagger-ui.html in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core),
// authorizes with a bearer token, executes getUserStatus from the page and checks the live response
// (HTTP 200, userStatus UNCONFIRMED). Saves a screenshot of the executed operation.
//
//   TOKEN=<jwt> node .ci/swagger-ui.mjs
//
// Environment: TOKEN (required), BASE_URL (http://localhost:8080), SCREENSHOT
// (target/swagger-ui.png), CHROMIUM (/usr/bin/chromium), USER_POOL_ID (us-east-1_TestCustomers1),
// USERNAME (zoë: not ASCII, and refused by a pattern a browser cannot read), STEP_TIMEOUT_MS (30000).
// Prints PASS/FAIL lines; exits 1 on failure (with target/swagger-ui-failure.png when a page was open).
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// playwright-core is pinned in .ci/tools (package-lock.json), not in a package.json beside this file.
const { chromium } = createRequire(join(here, 'tools', 'package.json'))('playwright-core');

const root = resolve(here, '..');
const token = process.env.TOKEN;
const baseUrl = (process.env.BASE_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const screenshot = resolve(root, process.env.SCREENSHOT ?? 'target/swagger-ui.png');
const failureShot = join(dirname(screenshot), 'swagger-ui-failure.png');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const userPoolId = process.env.USER_POOL_ID ?? 'us-east-1_TestCustomers1';
const username = process.env.USERNAME ?? 'zoë';
const timeout = Number(process.env.STEP_TIMEOUT_MS ?? 30000);

if (!token) {
  console.log('FAIL  swagger-ui: TOKEN is not set');
  process.exit(1);
}

// Flags this machine needs (root, no GPU, closed network: without the background-networking
// flags Chromium keeps trying to reach Google's hosts). Playwright refuses --user-data-dir in
// args: the fresh profile directory goes to launchPersistentContext instead.
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const started = Date.now();
const profile = mkdtempSync(join(tmpdir(), 'swagger-ui-chromium-'));
const offsite = [];
const pageErrors = [];
let context;
let page;
let step = 'launch Chromium';

function fail(message) {
  throw new Error(`${step}: ${message}`);
}

try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args,
    viewport: { width: 1280, height: 1100 },
    timeout: 60000,
  });
  context.setDefaultTimeout(timeout);
  // Everything Swagger UI needs is served by the service; anything else is recorded and refused.
  const allowed = new URL(baseUrl).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(allowed + '/') || url.startsWith('data:') || url.startsWith('blob:')) {
      return route.continue();
    }
    offsite.push(url);
    return route.abort();
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(String(e)));

  step = 'open /swagger-ui.html';
  const response = await page.goto(`${baseUrl}/swagger-ui.html`, { waitUntil: 'domcontentloaded' });
  if (!response || !response.ok()) fail(`HTTP ${response?.status()}`);
  const opblock = page.locator('#operations-confirmation-getUserStatus');
  await opblock.waitFor();
  console.log(`PASS  swagger-ui: page loaded (${page.url()})`);

  step = 'authorize';
  await page.locator('.scheme-container button.authorize').click();
  const modal = page.locator('.dialog-ux .modal-ux');
  await modal.waitFor();
  await modal.locator('input[aria-label="auth-bearer-value"]').fill(token);
  await modal.locator('button.authorize[type="submit"]').click();
  // once the scheme is authorized the dialog shows "Authorized" and a Logout button
  await modal.locator('button[aria-label="Remove authorization"]').waitFor();
  await modal.locator('.auth-btn-wrapper button.btn-done').click();
  await modal.waitFor({ state: 'detached' });
  await page.locator('.scheme-container button.authorize.locked').waitFor();
  console.log('PASS  swagger-ui: bearer token accepted in the Authorize dialog');

  step = 'expand getUserStatus and try it out';
  await opblock.locator('.opblock-summary-control').click();
  await opblock.locator('button.try-out__btn').click();
  const poolInput = opblock.locator('tr[data-param-name="userPoolId"][data-param-in="path"] input');
  const userInput = opblock.locator('tr[data-param-name="username"][data-param-in="query"] input');
  await poolInput.fill(userPoolId);
  await userInput.fill(username);

  step = 'execute getUserStatus';
  await opblock.locator('button.execute').click();
  const live = opblock.locator('.live-responses-table');
  const statusCell = live.locator('tbody tr.response td.response-col_status').first();
  await statusCell.waitFor();
  const status = (await statusCell.innerText()).trim();
  const body = await live.locator('td.response-col_description .microlight, td.response-col_description pre').first().innerText();
  const requestUrl = await opblock.locator('.request-url pre').innerText();
  const curl = await opblock.locator('.curl-command').innerText();
  if (!curl.includes('Authorization: Bearer ')) fail('the curl command shows no Authorization header');
  if (!requestUrl.includes(`/api/v1/user-pools/${userPoolId}/user-status?username=${encodeURIComponent(username)}`)) {
    fail(`unexpected request URL ${requestUrl}`);
  }
  if (status !== '200') fail(`live response status ${status}, body: ${body}`);
  let json;
  try {
    json = JSON.parse(body);
  } catch {
    fail(`response body is not JSON: ${body}`);
  }
  if (json.userStatus !== 'UNCONFIRMED' || json.username !== username || json.userPoolId !== userPoolId) {
    fail(`unexpected body ${body}`);
  }
  console.log(`PASS  swagger-ui: GET ${requestUrl.replace(baseUrl, '')} -> ${status}, userStatus ${json.userStatus}`);

  step = 'screenshot';
  mkdirSync(dirname(screenshot), { recursive: true });
  await opblock.locator('.responses-wrapper').scrollIntoViewIfNeeded();
  await opblock.scrollIntoViewIfNeeded();
  await page.evaluate(() => {
    const el = document.querySelector('#operations-confirmation-getUserStatus');
    if (el) window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 8);
  });
  await page.screenshot({ path: screenshot });
  console.log(`PASS  swagger-ui: screenshot ${screenshot}`);

  if (offsite.length > 0) fail(`requests outside ${allowed} (refused): ${[...new Set(offsite)].join(', ')}`);
  if (pageErrors.length > 0) console.log(`      note: page errors: ${pageErrors.join(' | ')}`);
  console.log(`PASS  swagger-ui: browser test in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (e) {
  console.log(`FAIL  swagger-ui: ${e instanceof Error ? e.message : e}`);
  if (offsite.length > 0) console.log(`      refused requests: ${[...new Set(offsite)].join(', ')}`);
  if (pageErrors.length > 0) console.log(`      page errors: ${pageErrors.join(' | ')}`);
  if (page) {
    try {
      mkdirSync(dirname(failureShot), { recursive: true });
      await page.screenshot({ path: failureShot, fullPage: true });
      console.log(`      failure screenshot: ${failureShot}`);
    } catch {
      // the page may be gone
    }
  }
  process.exitCode = 1;
} finally {
  await context?.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}
