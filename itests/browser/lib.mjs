// What the browser tests share: the browser (Debian's chromium, or CHROMIUM), a list of failed checks, watching a page for
// script errors and failed requests, the operator's sign-in, and axe-core's accessibility check.
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const base = process.env.BASE ?? 'http://localhost:8181';
export const shots = process.env.SCREENSHOTS ?? '.';
const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export const failures = [];
export const check = (ok, what) => { if (!ok) failures.push(what); };

export const launch = () => chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });

/** Problems a user would see on the page: script errors and failed requests (except the statuses expected). */
export function watch(page, expected = () => false) {
  const problems = [];
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('response', (r) => { if (r.status() >= 400 && !expected(r)) problems.push(`${r.status()} for ${r.url()}`); });
  return problems;
}

export const persian = (text) => /[۰-۹]/.test(text) && !/[0-9]/.test(text);
export const number = (text) => Number(text.replace(/[۰-۹]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'.indexOf(d)).replace(/[,٬]/g, ''));

export async function signInOperator(page) {
  await page.goto(base + '/console/');
  await page.fill('#user', process.env.USER_NAME);
  await page.fill('#password', process.env.PASSWORD);
  await page.click('#sign-in-form button[type=submit]');
  await page.waitForSelector('#members:not([hidden])');
}

/** axe-core's WCAG 2 A/AA rules on the page as it is now; serious and critical findings are failures. The page must
 * come from a context made with bypassCSP (the page's Content-Security-Policy lets no other script in). */
export async function axe(page, where) {
  await page.addScriptTag({ path: axeScript });
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
  console.log(`axe, ${where}: ${result.passes.length} rules passed, ${result.violations.length} violated`
    + result.violations.map((v) => ` [${v.id}: ${v.impact}]`).join(''));
  for (const v of result.violations) {
    if (v.impact === 'serious' || v.impact === 'critical') failures.push(`accessibility, ${where}: ${v.id} (${v.impact}, ${v.nodes.length}×: ${v.help})`);
  }
}

/** Ends the run: non-zero, saying why, when a check failed. */
export function finish(name) {
  if (failures.length > 0) {
    console.error('FAILED:\n- ' + failures.join('\n- '));
    process.exit(1);
  }
  console.log(`${name}: all checks passed`);
}
