// The Swagger UI at the gateway as a user drives it, in headless Chromium: "Authorize" logs in at
// Keycloak in its pop-up (the demo client's authorization-code flow with PKCE, the admin, LOCAL DEMO
// ONLY), then every operation of every document is tried with its examples ("Try it out", "Execute").
// Each must answer one of the statuses its document gives, never 401 (the token was sent) and never a
// 5xx. The products' document comes first, so that its example product exists for the orders'.
//   node try-it-out.mjs <gateway-url> <chromium>
import puppeteer from 'puppeteer-core';

const [gateway, chromium] = process.argv.slice(2);
const documents = ['Products and stock (inventory-service)', 'Orders (order-service)',
  'Notifications (notification-service)', 'Gateway (health)'];
const fail = (message) => { console.error(`FAILED: ${message}`); process.exitCode = 1; };

const browser = await puppeteer.launch({ executablePath: chromium, headless: true,
  args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(20000);
  await open(page, documents[0]);
  await logIn(page);
  for (const name of documents) {
    await open(page, name);
    const spec = await (await fetch(`${gateway}${await page.$eval('.info .link, .info a', (a) => a.getAttribute('href'))}`)).json();
    for (const block of await page.$$('.opblock')) {
      await tryIt(block, spec);
    }
  }
} finally {
  await browser.close();
}

async function open(page, name) {
  await page.goto(`${gateway}/swagger-ui/index.html?urls.primaryName=${encodeURIComponent(name)}`,
    { waitUntil: 'networkidle0' });
  await page.waitForSelector('.opblock');
}

async function logIn(page) {
  await page.click('button.authorize');
  await page.waitForSelector('.modal-ux');
  const popup = new Promise((resolve) => browser.once('targetcreated', async (target) => resolve(await target.page())));
  // the first scheme is oauth2 (authorization code with PKCE), the second a pasted bearer token
  await (await page.$$('.modal-ux .auth-btn-wrapper button.authorize'))[0].click();
  const login = await popup;
  await login.waitForSelector('#username');
  await login.type('#username', 'admin@example.com');
  await login.type('#password', 'local-demo-only');
  await login.click('#kc-login');
  await page.waitForFunction(() => [...document.querySelectorAll('.modal-ux button')]
    .some((button) => button.textContent.trim() === 'Logout'));
  await page.click('.modal-ux button.close-modal');
  console.log('  Authorize: logged in at Keycloak as admin@example.com (authorization code, PKCE)');
}

async function tryIt(block, spec) {
  const method = (await block.$eval('.opblock-summary-method', (e) => e.textContent.trim())).toLowerCase();
  const path = await block.$eval('.opblock-summary-path', (e) => e.getAttribute('data-path'));
  const documented = Object.keys(spec.paths[path][method].responses);
  if (!(await block.$('.opblock-body'))) {
    await block.$eval('.opblock-summary-control', (e) => e.click());
  }
  await (await block.waitForSelector('button.try-out__btn')).click();
  await (await block.waitForSelector('button.execute')).click();
  const status = await (await block.waitForSelector('.live-responses-table .response .response-col_status'))
    .evaluate((e) => e.textContent.trim().split(/\s/)[0]);
  const curl = await block.$eval('.curl-command', (e) => e.textContent);
  const secured = (spec.paths[path][method].security ?? spec.security ?? []).length > 0;
  console.log(`  ${method.toUpperCase().padEnd(4)} ${path.padEnd(28)} ${status}${secured ? '  (with the token)' : ''}`);
  if (!documented.includes(status)) fail(`${method.toUpperCase()} ${path} answered ${status}, not one of ${documented}`);
  if (status === '401' || status.startsWith('5')) fail(`${method.toUpperCase()} ${path} answered ${status}`);
  if (secured && !/Authorization: Bearer ey/.test(curl)) fail(`${method.toUpperCase()} ${path} was sent without the token`);
}
