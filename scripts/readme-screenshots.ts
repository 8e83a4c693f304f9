// Regenerates the README's screenshots from a running demo: `npx tsx scripts/readme-screenshots.ts URL EMAIL PASSWORD`.
import { chromium } from 'playwright-core';

const [base, email, password] = process.argv.slice(2);
if (!base || !email || !password) throw new Error('usage: readme-screenshots.ts URL EMAIL PASSWORD (start `npm run demo` first)');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(base);
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL(/\/(map)?$/, { timeout: 15_000 }).catch(() => {});
  await page.goto(`${base}/map`);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: 'docs/images/map.png' });
  console.log('wrote docs/images/map.png');
} finally {
  await browser.close();
}
