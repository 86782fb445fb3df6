// Service in a real browser, an operator and a member side by side: the operator edits a route file and a broken edit
// shows its error while the running route stays; the member signs in on a phone with the code from the development SMS
// outbox and files a ticket; the operator answers and resolves it from the queue; the member sees the answer and rates
// it; the panel switches to English; axe-core checks each screen. Run by ConsoleBrowserIT with BASE, USER_NAME,
// PASSWORD, SCREENSHOTS, OUTBOX (the server's data/sms/outbox.txt) and MOBILE (a member's, as 09…).
import { readFileSync, existsSync } from 'node:fs';
import { axe, base, check, finish, launch, persian, shots, signInOperator, watch } from './lib.mjs';

const mobile = process.env.MOBILE;
const international = '+98' + mobile.slice(1);
const subject = 'کتری برقی';

async function codeFromOutbox(after) {
  const pattern = new RegExp(`\\t\\${international}\\t.*کد ورود شما به باشگاه: ([0-9]{6})`, 'u');
  for (let tries = 0; tries < 100; tries++) {
    const lines = existsSync(process.env.OUTBOX) ? readFileSync(process.env.OUTBOX, 'utf8').split('\n').slice(after) : [];
    const code = lines.map((l) => pattern.exec(l)?.[1]).filter(Boolean).pop();
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 100)); // polling the file the server writes
  }
  throw new Error('no sign-in code was texted to ' + international);
}
const outboxLines = () => (existsSync(process.env.OUTBOX) ? readFileSync(process.env.OUTBOX, 'utf8').split('\n').length - 1 : 0);

const browser = await launch();
try {
  // the operator, on a desktop
  const desk = await (await browser.newContext({ locale: 'fa-IR' })).newPage();
  // expected: the rejected edit's 422, and the 401 of asking who is signed in before anyone is
  const deskProblems = watch(desk, (r) => (r.status() === 422 && r.url().includes('/api/admin/routes/'))
    || (r.status() === 401 && r.url().endsWith('/api/console/me')));
  await signInOperator(desk);

  // a route file: a broken edit is refused with its error, and the file's routes keep running
  await desk.click('[data-view=routes]');
  await desk.waitForSelector('#route-table tbody tr');
  const running = await desk.textContent('#route-table tbody');
  check(running.includes('crm-ticket-sms.camel.yaml') && running.includes('crm-ticket-sms: Started'),
    'the route files are listed with their routes running: ' + running.slice(0, 300));
  await desk.click('#route-table tbody tr:has-text("crm-ticket-sms.camel.yaml")');
  await desk.waitForFunction(() => document.getElementById('route-text').value.includes('crm-ticket-sms'));
  const text = await desk.inputValue('#route-text');
  await desk.fill('#route-text', text.replace('- to: bean:smsMessages?method=sendTo\n', '- to: nosuchthing:anywhere\n'));
  await desk.click('#route-form button[type=submit]');
  await desk.waitForSelector('#route-error:not([hidden])');
  const error = await desk.textContent('#route-error');
  check(error.includes('nosuchthing'), 'the broken edit shows its error: ' + error);
  check((await desk.textContent('#route-message')).includes('نسخهٔ قبلی همچنان در حال اجراست'), 'the operator is told the route still runs');
  await desk.waitForFunction(() => document.querySelector('#route-table tbody').textContent.includes('crm-ticket-sms: Started'));
  await desk.screenshot({ path: `${shots}/console-route-rejected.png`, fullPage: true });

  // the member, on a phone: signs in with the code texted to her (typed in Persian digits, as a Persian keyboard does)
  const phone = await browser.newContext({ locale: 'fa-IR', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const panel = await phone.newPage();
  const panelProblems = watch(panel);
  const first = await panel.goto(base + '/me/');
  check((first.headers()['content-security-policy'] ?? '').includes("script-src 'self'"), 'the panel has a strict Content-Security-Policy');
  check(await panel.getAttribute('html', 'dir') === 'rtl', 'the panel is right to left');
  const manifest = await (await panel.request.get(base + '/me/manifest.webmanifest')).json();
  check(manifest.start_url === '/me/' && manifest.display === 'standalone' && manifest.icons.some((i) => i.sizes === '512x512'),
    'the panel is installable (a web manifest with icons)');
  await panel.screenshot({ path: `${shots}/panel-sign-in.png`, fullPage: true });
  const before = outboxLines();
  await panel.fill('#mobile', mobile.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]));
  await panel.click('#mobile-form button[type=submit]');
  await panel.waitForSelector('#code-form:not([hidden])');
  await panel.fill('#code', await codeFromOutbox(before));
  await panel.click('#code-form button[type=submit]');
  await panel.waitForSelector('#panel:not([hidden])');
  check((await panel.textContent('#greeting')).includes('ستاره'), 'she is greeted by name');
  check(persian(await panel.textContent('#points')), 'her points are in Persian digits: ' + await panel.textContent('#points'));
  check(persian(await panel.textContent('#history tbody')), 'her history is in Persian digits');
  check((await panel.textContent('#history tbody')).includes('اصلاح'), 'her history shows the adjustment the operator made');
  await panel.screenshot({ path: `${shots}/panel-home.png`, fullPage: true });
  check(await panel.evaluate(async () => (await Promise.race([navigator.serviceWorker.ready,
    new Promise((resolve) => setTimeout(resolve, 5000))]))?.scope?.endsWith('/me/')), 'the service worker is installed for /me/');

  // she files a ticket
  await panel.click('[data-tab=tickets]');
  await panel.waitForSelector('#ticket-category option[value=warranty]', { state: 'attached' });
  await panel.selectOption('#ticket-category', 'warranty');
  await panel.fill('#ticket-subject', subject);
  await panel.fill('#ticket-text', 'کتری نو گرم نمی‌شود');
  await panel.click('#ticket-form button[type=submit]');
  await panel.waitForSelector('#ticket:not([hidden])');
  check((await panel.textContent('#ticket-list')).includes(subject), 'her ticket is in her list');
  await panel.screenshot({ path: `${shots}/panel-ticket-filed.png`, fullPage: true });

  // the operator answers it from the queue and resolves it
  await desk.click('[data-view=tickets]');
  await desk.waitForSelector(`#ticket-table tbody tr:has-text("${subject}")`);
  const row = await desk.textContent(`#ticket-table tbody tr:has-text("${subject}")`);
  check(row.includes('ساعت مانده') && persian(row.replace(/[^0-9۰-۹]/g, '')), 'the queue shows the SLA time left in words: ' + row);
  await desk.click(`#ticket-table tbody tr:has-text("${subject}")`);
  await desk.waitForSelector('#ticket:not([hidden])');
  check((await desk.textContent('#ticket-customer')).includes('ستاره'), 'the ticket names the customer');
  await desk.fill('#reply-text', 'لطفاً کتری را به شعبه بیاورید؛ تعویض می‌شود.');
  await desk.click('#reply-form button[type=submit]');
  await desk.waitForFunction(() => document.getElementById('ticket-thread').textContent.includes('تعویض می‌شود'));
  await desk.selectOption('#status-next', 'resolved');
  await desk.click('#status-form button[type=submit]');
  await desk.waitForFunction(() => document.getElementById('ticket-status').textContent === 'حل شده');
  await desk.screenshot({ path: `${shots}/console-ticket.png`, fullPage: true });

  // she sees the answer and rates it
  await panel.click('#ticket-list button');
  await panel.waitForFunction(() => document.getElementById('ticket-thread').textContent.includes('تعویض می‌شود'));
  await panel.waitForSelector('#rating-form:not([hidden])');
  await panel.check('input[name=rating][value=good]');
  await panel.fill('#rating-comment', 'سریع بود');
  await panel.click('#rating-form button[type=submit]');
  await panel.waitForFunction(() => document.getElementById('ticket-rating').textContent.length > 0);
  check(await panel.isHidden('#rating-form'), 'a rated ticket is not asked again');
  await panel.screenshot({ path: `${shots}/panel-ticket-rated.png`, fullPage: true });

  // English by the switch: left to right, Latin digits, Gregorian dates
  await panel.click('[data-tab=home]');
  await panel.click('#language');
  await panel.waitForFunction(() => document.documentElement.dir === 'ltr');
  check(await panel.getAttribute('html', 'lang') === 'en', 'the panel is in English after the switch');
  check((await panel.textContent('#home')).includes('Points available'), 'English labels');
  await panel.waitForFunction(() => /^[0-9,]+$/.test(document.getElementById('points').textContent)); // her file, read again
  check(/[0-9]/.test(await panel.textContent('#history tbody')) && !/[۰-۹]/.test(await panel.textContent('#history tbody')),
    'Latin digits and Gregorian dates in English: ' + await panel.textContent('#history tbody'));
  await panel.screenshot({ path: `${shots}/panel-english.png`, fullPage: true });
  await panel.click('#language');
  await panel.waitForFunction(() => document.documentElement.dir === 'rtl');

  check(deskProblems.length === 0, 'no errors in the console: ' + deskProblems.join('; '));
  check(panelProblems.length === 0, 'no errors in the panel: ' + panelProblems.join('; '));

  // accessibility of the new screens (windows that let axe-core's script in; the member's session carried over)
  const memberSession = await panel.evaluate(() => localStorage.getItem('vafa.member'));
  const auditPhone = await browser.newContext({ bypassCSP: true, locale: 'fa-IR', viewport: { width: 390, height: 844 } });
  const panelAudit = await auditPhone.newPage();
  await panelAudit.goto(base + '/me/');
  await axe(panelAudit, 'panel sign-in');
  await panelAudit.evaluate((s) => localStorage.setItem('vafa.member', s), memberSession);
  await panelAudit.reload();
  await panelAudit.waitForSelector('#panel:not([hidden])');
  await axe(panelAudit, 'panel home');
  await panelAudit.click('[data-tab=tickets]');
  await panelAudit.click('#ticket-list button');
  await panelAudit.waitForSelector('#ticket:not([hidden])');
  await axe(panelAudit, 'panel ticket');
  const consoleAudit = await (await browser.newContext({ bypassCSP: true, locale: 'fa-IR' })).newPage();
  await signInOperator(consoleAudit);
  await consoleAudit.click('[data-view=tickets]');
  await consoleAudit.selectOption('#ticket-filter', 'resolved');
  await consoleAudit.click(`#ticket-table tbody tr:has-text("${subject}")`);
  await consoleAudit.waitForSelector('#ticket:not([hidden])');
  await axe(consoleAudit, 'tickets');
  await consoleAudit.click('[data-view=routes]');
  await consoleAudit.waitForSelector('#route-table tbody tr');
  await axe(consoleAudit, 'routes');
} finally {
  await browser.close();
}
finish('service');
