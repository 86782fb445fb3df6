// The console in a real browser: an operator signs in, finds a member by typing part of a Persian name, and a member
// whose name is markup sees it shown as text. Run by ConsoleBrowserIT with BASE, USER, PASSWORD, SCREENSHOTS (and
// CHROMIUM, Debian's /usr/bin/chromium by default). Exits non-zero, saying why, when something a user would notice is wrong.
import { axe, base, check, finish, launch, number, shots, signInOperator, watch } from './lib.mjs';

const browser = await launch();
try {
  const page = await browser.newPage({ locale: 'fa-IR' });
  // a failed request is a problem, except a wrong password's 401 and the 404 of /tier for a member who has no tier yet
  // (the API's answer; the console shows —)
  // (and the CRM's 404 for a member it has not met yet: their timeline part stays empty)
  const problems = watch(page, (r) => r.status() === 401 || (r.status() === 404 && (r.url().endsWith('/tier')
    || r.url().includes('/api/crm/customers?memberId='))));
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });

  const first = await page.goto(base + '/console/', { waitUntil: 'load' });
  // a figure, not a check: the console's first load as the browser timed it (the goal is 1 s on this machine)
  const timing = await page.evaluate(() => performance.getEntriesByType('navigation')[0].toJSON());
  console.log(`console first load: ${Math.round(timing.loadEventEnd)} ms (DOM ready ${Math.round(timing.domContentLoadedEventEnd)} ms),`
    + ` ${await page.evaluate(() => performance.getEntriesByType('resource').length)} files`);
  const headers = first.headers();
  check((headers['content-security-policy'] ?? '').includes("script-src 'self'"), 'a strict Content-Security-Policy on the page');
  check(await page.getAttribute('html', 'dir') === 'rtl' && await page.getAttribute('html', 'lang') === 'fa', 'the page is Persian, right to left');
  check(await page.evaluate(async () => { await document.fonts.load('16px Vazirmatn', 'وفا'); return document.fonts.check('16px Vazirmatn', 'وفا'); }),
    'the Persian font comes with the console');

  await page.fill('#password', 'not-the-password');
  await page.fill('#user', process.env.USER_NAME);
  await page.click('#sign-in-form button[type=submit]');
  await page.waitForFunction(() => document.getElementById('sign-in-error').textContent.length > 0);
  check(await page.isVisible('#sign-in'), 'a wrong password keeps the operator out');

  await page.fill('#password', process.env.PASSWORD);
  await page.click('#sign-in-form button[type=submit]');
  await page.waitForSelector('#members:not([hidden])');
  check((await page.textContent('#who')).includes(process.env.USER_NAME), 'the operator is named in the bar');
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'vafa_console');
  check(session && session.httpOnly && session.sameSite === 'Strict', 'the session cookie is HttpOnly and SameSite=Strict');
  check(await page.evaluate(() => !document.cookie.includes('vafa_console')), 'scripts cannot read the session cookie');

  // part of a Persian name, typed letter by letter
  await page.locator('#search').pressSequentially('ستار', { delay: 40 });
  await page.waitForSelector('#results tbody tr');
  const found = await page.textContent('#results tbody');
  check(found.includes('ستاره'), 'typing part of a Persian name finds the member: ' + found);
  check(/[۰-۹]/.test(found) && !/[0-9]/.test(found), 'numbers are shown in Persian digits: ' + found);
  await page.screenshot({ path: `${shots}/console-members.png`, fullPage: true });

  // her file: points adjusted with a reason (typed in Persian digits), the tier set by hand
  await page.click('#results tbody tr');
  await page.waitForSelector('#member:not([hidden])');
  check((await page.textContent('#member-name')).includes('ستاره'), 'the file opens with her name');
  // one view of her: wallet, texts the club sent her, and her CRM timeline
  await page.waitForFunction(() => document.getElementById('member-messages').textContent.includes('به باشگاه')
    && document.querySelectorAll('#member-timeline li').length > 0 && document.getElementById('member-wallet').textContent !== '');
  check((await page.textContent('#member-timeline')).includes('club.member.registered'), 'her timeline shows she joined: '
    + await page.textContent('#member-timeline'));
  const before = number(await page.textContent('#member-points'));
  await page.fill('#adjust-points', '۵۰');
  await page.fill('#adjust-reason', 'جبران تأخیر ارسال');
  await page.click('#adjust-form button[type=submit]');
  const expected = (before + 50).toLocaleString('fa-IR', { useGrouping: false });
  await page.waitForFunction((text) => document.getElementById('member-points').textContent === text, expected);
  check((await page.textContent('#history tbody')).includes('جبران تأخیر ارسال'), 'the adjustment and its reason are in her history');
  await page.fill('#tier-name', 'gold');
  await page.fill('#tier-reason', 'مشتری قدیمی');
  await page.click('#tier-form button[type=submit]');
  await page.waitForFunction(() => document.getElementById('member-tier').textContent.includes('gold'));
  check((await page.textContent('#member-tier')).includes('به دست کارکنان'), 'the tier shows it was set by hand');
  await page.screenshot({ path: `${shots}/console-member-file.png`, fullPage: true });

  // a member whose name is markup: shown as text, nothing runs
  await page.fill('#search', 'onerror');
  await page.waitForFunction(() => document.querySelector('#results tbody')?.textContent.includes('onerror'));
  const cell = await page.textContent('#results tbody td');
  check(cell.includes('<img src=x onerror=alert(1)>'), 'a name that is markup shows as text: ' + cell);
  check(await page.locator('#results img').count() === 0, 'no element is made from a name');
  check(dialogs === 0, 'no script ran from a name');
  await page.screenshot({ path: `${shots}/console-markup-name.png`, fullPage: true });

  await page.click('#sign-out');
  await page.waitForSelector('#sign-in:not([hidden])');
  check(!(await page.context().cookies()).some((c) => c.name === 'vafa_console' && c.value), 'signing out clears the session');
  check(problems.length === 0, 'no script errors: ' + problems.join('; '));

  // accessibility: axe-core's WCAG 2 A/AA rules on the sign-in and on a member's file; nothing serious or critical. (Only
  // this second window lets the checker's script past the page's Content-Security-Policy.)
  const audit = await (await browser.newContext({ bypassCSP: true, locale: 'fa-IR' })).newPage();
  await audit.goto(base + '/console/');
  await axe(audit, 'sign-in');
  await signInOperator(audit);
  await audit.locator('#search').pressSequentially('ستار');
  await audit.click('#results tbody tr');
  await audit.waitForSelector('#member:not([hidden])');
  await axe(audit, 'member file');
} finally {
  await browser.close();
}
finish('console');
