// Service in a real browser, an operator and a member side by side: the operator edits a route file and a broken edit
// shows its error while the running route stays; the member signs in on a phone with the code from the development SMS
// outbox and files a ticket; the operator answers and resolves it from the queue; the member sees the answer and rates
// it; the panel switches to English; axe-core checks each screen. Run by ConsoleBrowserIT with BASE, USER_NAME,
// PASSWORD, SCREENSHOTS, OUTBOX (the server's data/sms/outbox.txt) and MOBILE (a member's, as 09…).
import { readFileSync, existsSync } from 'node:fs';
import { axe, base, check, finish, launch, number, persian, shots, signInOperator, watch } from './lib.mjs';

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
    || (r.status() === 401 && r.url().endsWith('/api/console/me')) || (r.status() === 400 && (r.url().endsWith('/api/club/rules') || r.url().endsWith('/api/admin/branding'))));
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

  // integration: subscriptions with their lag, an API key made (its secret shown once) and revoked, branches and
  // registers, and the live tail showing an event as it is published
  check((await desk.textContent('#subscription-table tbody')).includes('crm-ticket-sms'), 'the subscriptions are listed');
  const plugins = await desk.textContent('#plugin-table tbody');
  check(['club', 'crm', 'shop', 'pos', 'sms'].every((p) => plugins.includes(p)) && plugins.includes('club-daily.camel.yaml'),
    'the plugins are listed with their route files: ' + plugins.slice(0, 200));
  check((await desk.textContent('#branch-list')).includes('ونک') && (await desk.textContent('#branch-list')).includes('till-1'),
    'the branches are listed with their registers');
  await desk.fill('#key-name', 'erp-feed');
  await desk.fill('#key-scopes', 'shop');
  await desk.click('#key-form button[type=submit]');
  await desk.waitForSelector('#key-secret:not([hidden])');
  check((await desk.textContent('#key-secret')).startsWith('vafa_'), 'the new key\'s secret is shown once');
  await desk.waitForSelector('#key-table tbody tr:has-text("erp-feed")');
  desk.once('dialog', (d) => d.accept());
  await desk.click('#key-table tbody tr:has-text("erp-feed") button');
  await desk.waitForFunction(() => [...document.querySelectorAll('#key-table tbody tr')].some((r) => r.textContent.includes('erp-feed')
    && r.textContent.includes('باطل شده')));
  // the tail has read where the log ends and asks for what comes after
  await Promise.all([desk.waitForRequest((r) => r.url().includes('/api/admin/events?after=')), desk.click('#tail-toggle')]);
  await desk.evaluate(() => fetch('/api/admin/events', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json',
    'X-CSRF-Token': sessionStorage.getItem('vafa.csrf') }, body: JSON.stringify({ type: 'console.test.ping', subject: 's-1', data: { n: 1 } }) }));
  await desk.waitForFunction(() => document.getElementById('tail').textContent.includes('console.test.ping'));
  await desk.click('#tail-toggle');
  await desk.screenshot({ path: `${shots}/console-integration.png`, fullPage: true });

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
  check((await panel.textContent('#tier-progress-text')).includes('بالاترین سطح'), 'gold is the top tier: '
    + await panel.textContent('#tier-progress-text'));
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
  check((await desk.textContent('#ticket-escalation')).includes('ارجاع نشده'), 'not escalated yet');
  await desk.click('#ticket-escalate');
  await desk.waitForFunction(() => document.getElementById('ticket-escalation').textContent.includes('سطح ۱'));
  await desk.fill('#reply-text', 'لطفاً کتری را به شعبه بیاورید؛ تعویض می‌شود.');
  await desk.click('#reply-form button[type=submit]');
  await desk.waitForFunction(() => document.getElementById('ticket-thread').textContent.includes('تعویض می‌شود'));
  await desk.selectOption('#status-next', 'resolved');
  await desk.click('#status-form button[type=submit]');
  await desk.waitForFunction(() => document.getElementById('ticket-status').textContent === 'حل شده');
  await desk.screenshot({ path: `${shots}/console-ticket.png`, fullPage: true });

  // the rest of service: a task done with its outcome, a number's texts (the sign-in code not shown), a survey's answers
  await desk.waitForSelector('#task-table tbody tr:has-text("تماس با ستاره")');
  await desk.selectOption('#task-table tbody tr:has-text("تماس با ستاره") select', 'done');
  await desk.click('#task-table tbody tr:has-text("تماس با ستاره") button');
  await desk.waitForFunction(() => !document.querySelector('#task-table tbody').textContent.includes('تماس با ستاره'));
  check((await desk.textContent('#sms-status')).includes('dev'), 'the SMS gateway and outbox are shown: ' + await desk.textContent('#sms-status'));
  await desk.fill('#sms-phone', mobile);
  await desk.click('#sms-form button[type=submit]');
  await desk.waitForSelector('#sms-list li');
  const smsList = await desk.textContent('#sms-list');
  check(smsList.includes('به تیکت') && smsList.includes('کد ورود؛ نشان داده نمی‌شود') && !/کد ورود شما به باشگاه: [0-9]/.test(smsList),
    'her texts are listed, her sign-in code hidden: ' + smsList.slice(0, 300));
  check((await desk.textContent('#survey-list')).includes('رضایت از خرید'), 'the surveys are listed with their answers');
  await desk.screenshot({ path: `${shots}/console-service.png`, fullPage: true });

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

  // the dashboard: figures and a chart of each report, each with its table
  await desk.click('[data-view=dashboard]');
  await desk.waitForFunction(() => document.getElementById('dashboard-message').textContent.includes('به‌روز شد'));
  // the club's figures were computed when the server started, before these members: computed again on request
  await desk.click('#dashboard-refresh');
  await desk.waitForFunction(() => document.getElementById('fig-members').textContent === '۲');
  check(persian(await desk.textContent('#fig-members')) && number(await desk.textContent('#fig-members')) === 2,
    'the dashboard counts the members: ' + await desk.textContent('#fig-members'));
  check(!(await desk.textContent('#dashboard-message')).includes('در دسترس'), 'every report answered the operator');
  check(await desk.evaluate(() => Object.keys(window.Chart?.instances ?? {}).length) === 7, 'seven charts are drawn');
  const tiers = await desk.evaluate(() => document.querySelector('#chart-tiers table').textContent);
  check(tiers.includes('gold') && tiers.includes('۱'), 'the tiers chart has its table: ' + tiers);
  check((await desk.evaluate(() => document.querySelector('#chart-branches table').textContent)).includes('ونک'),
    'the sales per branch name the branch');
  check((await desk.evaluate(() => document.querySelector('#chart-tickets canvas').getAttribute('aria-label'))).includes('گارانتی'),
    'a chart says its figures in words');
  await desk.screenshot({ path: `${shots}/console-dashboard.png`, fullPage: true });

  // the programme: a rule the server refuses is explained by its JSON path and the rules in force stay; a basket's
  // preview; a batch of voucher codes exported as CSV; a reward added
  await desk.click('[data-view=programme]');
  await desk.waitForFunction(() => document.getElementById('rules-text').value.includes('"earn"'));
  const version = await desk.textContent('#rules-version');
  const rulesText = await desk.inputValue('#rules-text');
  await desk.fill('#rules-text', rulesText.replace(/"per": \d+/, '"per": 0'));
  await desk.click('#rules-form button[type=submit]');
  await desk.waitForFunction(() => document.getElementById('rules-message').textContent.length > 0);
  const refused = await desk.textContent('#rules-message');
  check(refused.includes('پذیرفته نشد') && refused.includes('earn.per'), 'a refused rule names its JSON path: ' + refused);
  await desk.click('[data-view=programme]');
  await desk.waitForFunction(() => document.getElementById('rules-text').value.includes('"per": 100000'));
  check(await desk.textContent('#rules-version') === version, 'the rules in force stay as they were');
  await desk.fill('#evaluate-category', 'cosmetics');
  await desk.fill('#evaluate-amount', '۲۰۰۰۰۰۰');
  await desk.click('#evaluate-form button[type=submit]');
  await desk.waitForFunction(() => document.getElementById('evaluate-result').textContent.includes('امتیاز'));
  const preview = await desk.textContent('#evaluate-result');
  check(number(preview.replace(/[^۰-۹0-9]/g, '')) === 40, 'the preview: 2,000,000 IRR of cosmetics earns 20 × 2 = 40 points: ' + preview);
  await desk.fill('#batch-name', 'نوروز');
  await desk.fill('#batch-value', '۵۰۰۰۰۰');
  await desk.fill('#batch-count', '3');
  await desk.click('#batch-form button[type=submit]');
  await desk.waitForSelector('#batch-table tbody tr:has-text("نوروز")');
  const [download] = await Promise.all([desk.waitForEvent('download'), desk.click('#batch-table tbody tr:has-text("نوروز") button')]);
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  check(csv.length === 4 && csv[0] === 'code,memberId,uses' && csv.slice(1).every((l) => /^"[A-Z0-9-]+","","0"$/.test(l)),
    'the batch\'s three codes export as CSV: ' + csv.join(' | '));
  await desk.fill('#reward-name', 'لیوان باشگاه');
  await desk.fill('#reward-cost', '۱۲۰');
  await desk.click('#reward-form button[type=submit]');
  await desk.waitForSelector('#reward-table tbody tr:has-text("لیوان باشگاه")');
  await desk.screenshot({ path: `${shots}/console-programme.png`, fullPage: true });

  // the member claims the new reward with her points, reads her messages (no sign-in code among them), shares her code
  await panel.click('[data-tab=rewards]');
  await panel.waitForSelector('#reward-list li:has-text("لیوان باشگاه")');
  const pointsBefore = number((await panel.textContent('#rewards-points')).replace(/[^۰-۹0-9]/g, ''));
  await panel.click('#reward-list li:has-text("لیوان باشگاه") button');
  await panel.waitForFunction(() => document.getElementById('reward-message').textContent.includes('لیوان باشگاه'));
  await panel.waitForFunction((expected) => document.getElementById('rewards-points').textContent.includes(expected),
    (pointsBefore - 120).toLocaleString('fa-IR'));
  check((await panel.textContent('#claim-list')).includes('لیوان باشگاه'), 'her claim is listed');
  await panel.screenshot({ path: `${shots}/panel-rewards.png`, fullPage: true });
  await panel.click('[data-tab=messages]');
  await panel.waitForSelector('#message-list li');
  const texts = await panel.textContent('#message-list');
  check(texts.includes('به تیکت') && !texts.includes('کد ورود'), 'her messages, without sign-in codes: ' + texts.slice(0, 200));
  await panel.click('[data-tab=profile]');
  check(/^[A-Z0-9]{4,12}$/.test(await panel.textContent('#profile-referral')), 'her referral code is shown');
  await panel.screenshot({ path: `${shots}/panel-profile.png`, fullPage: true });

  // settings: the branding members see — a colour white text cannot be read on is refused, then name, colour, logo,
  // toman and a banner are kept and the member's panel shows them
  await desk.click('[data-view=settings]');
  await desk.waitForFunction(() => document.getElementById('brand-name').value.length > 0);
  await desk.fill('#brand-name', 'فروشگاه نارون');
  await desk.fill('#brand-colour', '#f2f2f2');
  await desk.click('#branding-form button[type=submit]');
  await desk.waitForFunction(() => document.getElementById('branding-message').textContent.includes('ذخیره نشد'));
  check((await desk.textContent('#branding-message')).includes('contrast'), 'a colour too light is refused with the reason');
  await desk.fill('#brand-colour', '#7a1f5c');
  await desk.setInputFiles('#brand-logo', new URL('../../bundles/console/src/main/resources/web/me/icon-192.png', import.meta.url).pathname);
  await desk.waitForSelector('#brand-logo-preview:not([hidden])');
  await desk.selectOption('#brand-amounts', 'toman');
  await desk.fill('#banner-1-title', 'حراج یلدا');
  await desk.fill('#banner-1-text', 'تا ۳۰ آذر، امتیاز دوبرابر');
  await desk.click('#branding-form button[type=submit]');
  await desk.waitForFunction(() => document.getElementById('branding-message').textContent.includes('ذخیره شد'));
  await desk.screenshot({ path: `${shots}/console-settings.png`, fullPage: true });
  await panel.reload();
  await panel.waitForFunction(() => document.getElementById('club-name').textContent === 'فروشگاه نارون');
  await panel.waitForSelector('#panel:not([hidden])');
  check(await panel.evaluate(() => getComputedStyle(document.querySelector('.bar')).backgroundColor) === 'rgb(122, 31, 92)',
    'the panel takes the organisation\'s colour');
  check(await panel.isVisible('#club-logo') && await panel.evaluate(() => document.getElementById('club-logo').naturalWidth) === 192,
    'the panel shows the logo');
  check((await panel.textContent('#banners')).includes('حراج یلدا'), 'the panel shows the banner');
  check((await panel.textContent('#stored-value')).includes('تومان'), 'amounts in toman: ' + await panel.textContent('#stored-value'));
  await panel.screenshot({ path: `${shots}/panel-branded.png`, fullPage: true });

  // the console in English by the switch: left to right, English words, Latin digits, Gregorian dates; and back
  await desk.click('#language');
  await desk.waitForFunction(() => document.documentElement.dir === 'ltr' && document.documentElement.lang === 'en');
  await desk.click('[data-view=dashboard]');
  await desk.waitForFunction(() => document.getElementById('dashboard-message').textContent.includes('updated'));
  check((await desk.textContent('#nav')).includes('Dashboard') && (await desk.textContent('#dashboard')).includes('Members by tier'),
    'the console speaks English: ' + (await desk.textContent('#nav')));
  check(/^[0-9,]+$/.test(await desk.textContent('#fig-members')), 'Latin digits in English: ' + await desk.textContent('#fig-members'));
  check((await desk.textContent('#fig-liability')).endsWith('toman'), 'the liability in toman, as the settings say: '
    + await desk.textContent('#fig-liability'));
  check(!/[\u0600-\u06FF]/.test((await desk.textContent('#dashboard')).replace(/ونک/g, '')), 'no Persian left on the English dashboard but'
    + ' names: ' + (await desk.textContent('#dashboard')).match(/[^ ]*[\u0600-\u06FF][^ ]*/g)?.slice(0, 10));
  check(!(await desk.evaluate(() => JSON.stringify(Object.values(window.Chart.instances).map((c) => c.data.datasets.map((d) => d.label)))))
    .includes('Sign out'), 'the chart legends say what they count');
  await desk.screenshot({ path: `${shots}/console-english.png`, fullPage: true });
  await desk.click('#language');
  await desk.waitForFunction(() => document.documentElement.dir === 'rtl' && document.getElementById('nav').textContent.includes('داشبورد'));

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
  await panelAudit.click('[data-tab=rewards]');
  await panelAudit.waitForSelector('#reward-list li');
  await axe(panelAudit, 'panel rewards');
  const consoleAudit = await (await browser.newContext({ bypassCSP: true, locale: 'fa-IR' })).newPage();
  await signInOperator(consoleAudit);
  await consoleAudit.click('[data-view=tickets]');
  await consoleAudit.selectOption('#ticket-filter', 'resolved');
  await consoleAudit.click(`#ticket-table tbody tr:has-text("${subject}")`);
  await consoleAudit.waitForSelector('#ticket:not([hidden])');
  await axe(consoleAudit, 'tickets');
  await consoleAudit.click('[data-view=dashboard]');
  await consoleAudit.waitForFunction(() => document.getElementById('dashboard-message').textContent.length > 0);
  await axe(consoleAudit, 'dashboard');
  await consoleAudit.click('[data-view=programme]');
  await consoleAudit.waitForSelector('#batch-table tbody tr');
  await axe(consoleAudit, 'programme');
  await consoleAudit.click('[data-view=settings]');
  await consoleAudit.waitForFunction(() => document.getElementById('brand-name').value.length > 0);
  await axe(consoleAudit, 'settings');
  await consoleAudit.click('[data-view=routes]');
  await consoleAudit.waitForSelector('#route-table tbody tr');
  await axe(consoleAudit, 'routes');
} finally {
  await browser.close();
}
finish('service');
