// The console: signs an operator in (the session is an HttpOnly cookie; the CSRF token is kept for this tab and sent
// with every change) and calls the same REST API as any client. Everything a server sends is shown as text, never as
// markup. Numbers and dates are shown the Persian way (Persian digits, the Jalali calendar) by the browser's Intl, or the
// English way (Latin digits, the Gregorian calendar) after the switch in the bar.
import { lang, switchLanguage, tr, translatePage } from './i18n.js';

const api = (path, options = {}) => {
  const headers = { 'Accept': 'application/json', ...(options.headers || {}) };
  const csrf = sessionStorage.getItem('vafa.csrf');
  if (options.method && options.method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(path, { ...options, headers, credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body) });
};

// formats for the language in use (made again when it changes)
let digits;
let date;
let amount;
let hours;
let time;
function formats() {
  const fa = lang() === 'fa';
  digits = new Intl.NumberFormat(fa ? 'fa-IR' : 'en-US', { useGrouping: false });
  date = new Intl.DateTimeFormat(fa ? 'fa-IR-u-ca-persian' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric' });
  amount = new Intl.NumberFormat(fa ? 'fa-IR' : 'en-US');
  hours = new Intl.NumberFormat(fa ? 'fa-IR' : 'en-US', { maximumFractionDigits: 1 });
  time = new Intl.DateTimeFormat(fa ? 'fa-IR-u-ca-persian' : 'en-GB', { month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
formats();
const persianDigits = (text) => String(text ?? '').replace(/[0-9]/g, (d) => digits.format(Number(d)));

const $ = (id) => document.getElementById(id);

const views = { dashboard: () => dashboard(), members: () => $('search').focus(), programme: () => programme(), tickets: () => service(),
  routes: () => integration(), settings: () => settings() };

let shown = 'members';

function view(name) {
  shown = name;
  for (const tab of document.querySelectorAll('[data-view]')) {
    if (tab.dataset.view === name) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  for (const other of Object.keys(views)) $(other).hidden = other !== name;
  $('member').hidden = name !== 'members' || current === null;
  views[name]();
}
for (const tab of document.querySelectorAll('[data-view]')) tab.addEventListener('click', () => view(tab.dataset.view));

function show(signedIn, operator) {
  $('sign-in').hidden = signedIn;
  $('nav').hidden = !signedIn;
  $('who').hidden = !signedIn;
  $('sign-out').hidden = !signedIn;
  $('who').textContent = signedIn ? operator : '';
  if (signedIn) view(shown);
  else for (const other of [...Object.keys(views), 'member']) $(other).hidden = true;
}

async function whoAmI() {
  const r = await api('/api/console/me');
  if (r.ok && sessionStorage.getItem('vafa.csrf')) show(true, (await r.json()).operator);
  else show(false);
}

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('sign-in-error').textContent = '';
  const r = await api('/api/console/sign-in', { method: 'POST', body: { user: $('user').value, password: $('password').value } });
  if (!r.ok) {
    $('sign-in-error').textContent = r.status === 429 ? tr('تلاش‌های زیادی شد؛ یک دقیقه بعد دوباره امتحان کنید.')
      : r.status === 403 ? tr('این کاربر به کنسول دسترسی ندارد.') : tr('نام کاربری یا گذرواژه درست نیست.');
    return;
  }
  const session = await r.json();
  sessionStorage.setItem('vafa.csrf', session.csrfToken);
  $('password').value = '';
  show(true, session.operator);
});

$('sign-out').addEventListener('click', async () => {
  await api('/api/console/sign-out', { method: 'POST', body: {} });
  sessionStorage.removeItem('vafa.csrf');
  show(false);
});

let typed = 0;
$('search').addEventListener('input', () => {
  const text = $('search').value.trim();
  const mine = ++typed;
  setTimeout(async () => {
    if (mine !== typed) return; // a newer keystroke asks instead
    const body = $('results').tBodies[0];
    if (text.length < 2) {
      body.replaceChildren();
      $('results').hidden = true;
      $('search-status').textContent = '';
      return;
    }
    const r = await api('/api/club/members?limit=20&name=' + encodeURIComponent(text));
    if (mine !== typed) return;
    if (!r.ok) {
      $('search-status').textContent = tr('جستجو انجام نشد ({0}).', persianDigits(r.status));
      return;
    }
    const members = await r.json();
    body.replaceChildren(...members.map((m) => {
      const row = document.createElement('tr');
      const values = [`${m.firstName} ${m.lastName}`, persianDigits(m.mobile), m.tier ?? '—',
        m.joinedAt ? date.format(new Date(m.joinedAt)) : '—'];
      row.tabIndex = 0;
      row.addEventListener('click', () => openMember(m.id));
      row.addEventListener('keydown', (e) => { if (e.key === 'Enter') openMember(m.id); });
      values.forEach((value, column) => {
        const cell = document.createElement('td');
        const text = document.createElement('bdi'); // a Latin name keeps its own direction in the RTL row
        if (column === 1) text.dir = 'ltr'; // +۹۸۹… reads left to right
        text.textContent = value;
        cell.append(text);
        row.append(cell);
      });
      return row;
    }));
    $('results').hidden = members.length === 0;
    $('search-status').textContent = members.length === 0 ? tr('عضوی با این نام پیدا نشد.')
      : tr('{0} عضو', persianDigits(members.length));
  }, 150);
});

// a cell of text; a value that may be Latin (a name, a code) keeps its own direction
const cell = (value, ltr = false) => {
  const td = document.createElement('td');
  const text = document.createElement('bdi');
  if (ltr) text.dir = 'ltr';
  text.textContent = value;
  td.append(text);
  return td;
};
// a row that opens something by click or by Enter
const openingRow = (cells, open) => {
  const row = document.createElement('tr');
  row.tabIndex = 0;
  row.className = 'opens';
  row.addEventListener('click', open);
  row.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
  row.append(...cells);
  return row;
};
const problemText = async (r) => {
  const p = await r.json().catch(() => ({}));
  return p.detail ?? p.error ?? p.title ?? String(r.status);
};

const kinds = { EARN: 'کسب', REDEEM: 'خرج', ADJUST: 'اصلاح', EXPIRE: 'انقضا', REVERSE: 'برگشت', REVERSE_REDEEM: 'برگشت خرج', RELEASE: 'آزاد شدن' };
let current = null;

async function openMember(id) {
  current = id;
  const [member, points, history, tier] = await Promise.all([`/api/club/members/${id}`, `/api/club/members/${id}/points`,
    `/api/club/members/${id}/points/history?limit=20`, `/api/club/members/${id}/tier`].map(async (path) => {
    const r = await api(path);
    return r.ok ? r.json() : null;
  }));
  if (current !== id || !member) return;
  $('member').hidden = false;
  $('member-name').textContent = `${member.firstName} ${member.lastName}`;
  $('member-mobile').textContent = persianDigits(member.mobile);
  $('member-points').textContent = persianDigits(points?.available ?? 0);
  $('member-pending').textContent = persianDigits(points?.pending ?? 0);
  $('member-tier').textContent = tier?.tier ? tier.tier + (tier.manual ? tr(' (به دست کارکنان)') : '') : '—';
  const entries = Array.isArray(history) ? history : (history?.entries ?? []);
  $('history').tBodies[0].replaceChildren(...entries.map((h) => {
    const row = document.createElement('tr');
    for (const value of [h.createdAt ? date.format(new Date(h.createdAt)) : '—', tr(kinds[h.kind] ?? h.kind), persianDigits(h.points),
      h.reason ?? h.source ?? '']) {
      const cell = document.createElement('td');
      cell.textContent = value;
      row.append(cell);
    }
    return row;
  }));
  $('member-message').textContent = '';
  $('member-name').focus?.();
  await memberSingleView(id);
}

// amounts in IRR as rial or toman (a tenth), as the organisation chose in the settings
let toman = false;
async function loadBranding() {
  const b = await get('/api/public/branding');
  toman = b?.amounts === 'toman';
}
const money = (value, currency) => (currency === 'IRR' && toman ? `${amount.format(Number(value) / 10)} ${tr('تومان')}`
  : `${amount.format(value)} ${currency === 'IRR' ? tr('ریال') : currency ?? ''}`);

// the rest of the member's file: wallet, vouchers, tickets, texts and the CRM timeline (each from its own plugin; a
// plugin that is not installed, or a member the CRM has not met yet, leaves its part empty)
const listItems = (values, empty) => (values.length ? values : [tr(empty)]).map((value) => {
  const li = document.createElement('li');
  li.textContent = value;
  return li;
});

async function memberSingleView(id) {
  await loadBranding();
  const [wallet, vouchers, messages, customer] = await Promise.all([`/api/club/members/${id}/stored-value`,
    `/api/club/members/${id}/vouchers`, `/api/sms/messages?limit=10&memberId=${id}`, `/api/crm/customers?memberId=${id}`].map(get));
  const [timeline, tickets] = customer ? await Promise.all([`/api/crm/customers/${customer.id}/timeline?limit=20`,
    `/api/crm/tickets?limit=20&customerId=${customer.id}`].map(get)) : [null, null];
  if (current !== id) return;
  $('member-wallet').textContent = wallet ? money(wallet.balance, wallet.currency) : '—';
  $('member-vouchers').textContent = vouchers?.length ? vouchers.map((v) => v.code).join(', ') : '—';
  $('member-tickets').replaceChildren(...listItems((tickets ?? []).map((k) => `${persianDigits(k.number)} — ${k.subject}`
    + ` (${tr(statuses[k.status] ?? k.status)})`), 'تیکتی نیست.'));
  $('member-messages').replaceChildren(...listItems((messages ?? []).map((m) => `${date.format(new Date(m.createdAt))} · `
    + (m.type === 'verification-code' ? tr('(کد ورود؛ نشان داده نمی‌شود)') : m.body)), 'پیامی نیست.'));
  $('member-timeline').replaceChildren(...listItems((timeline?.entries ?? []).map((entry) => `${date.format(new Date(entry.occurredAt))}`
    + ` · ${entry.type}`), 'رویدادی ثبت نشده است.'));
}

// Persian or Arabic-Indic digits typed on any keyboard count as digits
const latinDigits = (text) => text.replace(/[۰-۹]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'.indexOf(d)).replace(/[٠-٩]/g, (d) => '٠١٢٣٤٥٦٧٨٩'.indexOf(d))
  .replace('−', '-');

async function change(path, method, body, done) {
  const r = await api(path, { method, body });
  if (r.ok) {
    $('member-message').textContent = done;
    await openMember(current);
    $('member-message').textContent = done;
  } else {
    const problem = await r.json().catch(() => ({}));
    $('member-message').textContent = tr('ثبت نشد: {0}', problem.detail ?? r.status);
  }
}

$('adjust-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const points = Number(latinDigits($('adjust-points').value.trim()));
  if (!Number.isInteger(points) || points === 0) {
    $('member-message').textContent = tr('امتیاز باید عددی صحیح و غیر صفر باشد.');
    return;
  }
  await change(`/api/club/members/${current}/points/adjust`, 'POST', { points, reason: $('adjust-reason').value.trim() },
    tr('امتیاز اصلاح شد.'));
  $('adjust-points').value = '';
  $('adjust-reason').value = '';
});

$('tier-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  await change(`/api/club/members/${current}/tier`, 'PUT', { tier: $('tier-name').value.trim(), reason: $('tier-reason').value.trim() },
    tr('سطح ثبت شد.'));
});

// Tickets: the queue with SLA time left (in words, not by colour alone), a ticket's thread, reply, status
const statuses = { new: 'ثبت شده', acknowledged: 'دیده شده', in_progress: 'در حال رسیدگی', waiting_on_customer: 'منتظر مشتری',
  resolved: 'حل شده', closed: 'بسته' };
const categories = { complaint: 'شکایت', question: 'پرسش', suggestion: 'پیشنهاد', warranty: 'گارانتی' };
const timeLeft = (due) => {
  if (!due) return tr('متوقف یا تمام');
  const h = (new Date(due) - Date.now()) / 3_600_000;
  return h >= 0 ? tr('{0} ساعت مانده', hours.format(h)) : tr('{0} ساعت گذشته (دیر شده)', hours.format(-h));
};
let ticketShown = null;

let ticketsAsked = 0;

async function tickets() {
  const filter = $('ticket-filter').value;
  const mine = ++ticketsAsked;
  const r = await api('/api/crm/tickets?limit=200' + (filter === 'open' ? '' : '&status=' + filter));
  const answer = r.ok ? await r.json() : await problemText(r);
  if (mine !== ticketsAsked) return; // a newer request (another filter) shows its answer, whatever order the answers came in
  if (!r.ok) {
    $('ticket-message').textContent = tr('فهرست تیکت‌ها نیامد: {0}', answer);
    return;
  }
  const list = answer.filter((k) => filter !== 'open' || !['resolved', 'closed'].includes(k.status));
  $('ticket-table').tBodies[0].replaceChildren(...list.map((k) => openingRow([cell(persianDigits(k.number)), cell(k.subject),
    cell(tr(categories[k.category] ?? k.category)), cell(tr(statuses[k.status] ?? k.status)), cell(timeLeft(k.dueAt))], () => ticket(k.id))));
  $('ticket-message').textContent = list.length === 0 ? tr('تیکتی در این وضعیت نیست.') : '';
}
$('ticket-filter').addEventListener('change', tickets);

async function ticket(id) {
  ticketShown = id;
  const [k, replies] = await Promise.all([`/api/crm/tickets/${id}`, `/api/crm/tickets/${id}/replies`].map(async (path) => {
    const r = await api(path);
    return r.ok ? r.json() : null;
  }));
  if (ticketShown !== id || !k) return;
  const customer = await api(`/api/crm/customers/${k.customerId}`).then((r) => (r.ok ? r.json() : null));
  $('ticket').hidden = false;
  $('ticket-title').textContent = tr('تیکت {0} — {1}', persianDigits(k.number), k.subject);
  $('ticket-customer').textContent = customer ? `${customer.firstName ?? ''} ${customer.lastName ?? ''}`.trim() || '—' : '—';
  $('ticket-status').textContent = tr(statuses[k.status] ?? k.status);
  $('ticket-due').textContent = timeLeft(k.dueAt);
  $('ticket-escalation').textContent = k.escalationLevel === 0 ? tr('ارجاع نشده')
    : tr('سطح {0}', persianDigits(k.escalationLevel)) + (k.escalatedTo ? ` (${k.escalatedTo})` : '');
  $('ticket-escalate').disabled = k.escalationLevel >= 2 || ['resolved', 'closed'].includes(k.status);
  const thread = [{ kind: 'customer', author: tr('مشتری'), text: k.text, createdAt: k.filedAt }, ...(replies ?? [])];
  $('ticket-thread').replaceChildren(...thread.map((reply) => {
    const li = document.createElement('li');
    li.className = reply.kind;
    const who = document.createElement('span');
    const author = document.createElement('bdi'); // operator:admin keeps its own direction
    author.textContent = reply.kind === 'customer' ? tr('مشتری') : reply.author;
    who.append(reply.kind === 'note' ? tr('یادداشت داخلی: ') : '', author,
      ` · ${reply.createdAt ? date.format(new Date(reply.createdAt)) : ''}`);
    const text = document.createElement('span');
    text.textContent = reply.text;
    li.append(who, text);
    return li;
  }));
}

$('reply-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const r = await api(`/api/crm/tickets/${ticketShown}/replies`, { method: 'POST',
    body: { text: $('reply-text').value.trim(), kind: $('reply-kind').value } });
  $('ticket-message').textContent = r.ok ? tr('پاسخ ثبت شد.') : tr('ثبت نشد: {0}', await problemText(r));
  if (r.ok) {
    $('reply-text').value = '';
    await Promise.all([ticket(ticketShown), tickets()]);
  }
});

$('ticket-escalate').addEventListener('click', async () => {
  const r = await api(`/api/crm/tickets/${ticketShown}/escalate`, { method: 'POST', body: {} });
  $('ticket-message').textContent = r.ok ? tr('تیکت ارجاع شد.') : tr('ثبت نشد: {0}', await problemText(r));
  if (r.ok) await Promise.all([ticket(ticketShown), tickets()]);
});

$('status-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const r = await api(`/api/crm/tickets/${ticketShown}`, { method: 'PATCH', body: { status: $('status-next').value } });
  $('ticket-message').textContent = r.ok ? tr('وضعیت ثبت شد.') : tr('ثبت نشد: {0}', await problemText(r));
  if (r.ok) await Promise.all([ticket(ticketShown), tickets()]);
});

// Route files: state, owner, last error; edited in place — the server validates, then swaps; a rejected edit changes nothing
const fileStates = { DEPLOYED: 'در حال اجرا', REJECTED: 'رد شده', DELETED: 'حذف شده' };
let routeShown = null;

async function routeFiles() {
  const r = await api('/api/admin/routes');
  if (!r.ok) {
    $('route-message').textContent = tr('فهرست مسیرها نیامد: {0}', await problemText(r));
    return;
  }
  const files = await r.json();
  $('route-table').tBodies[0].replaceChildren(...files.map((f) => openingRow([cell(f.file, true),
    cell(f.owner ? f.owner + (f.overriding ? tr(' (بازنویسی شده)') : '') : tr('اپراتور')), cell(tr(fileStates[f.status] ?? f.status)),
    cell(f.routes.map((x) => `${x.id}: ${x.state}`).join(', '), true), cell(f.error ?? '—', true)], () => routeFile(f.file))));
}

async function routeFile(file) {
  routeShown = file;
  const r = await api(`/api/admin/routes/${encodeURIComponent(file)}`);
  if (!r.ok || routeShown !== file) return;
  $('route-form').hidden = false;
  $('route-file').textContent = file;
  $('route-text').value = (await r.json()).content;
  $('route-error').hidden = true;
  $('route-message').textContent = '';
  $('route-text').focus();
}

$('route-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const r = await api(`/api/admin/routes/${encodeURIComponent(routeShown)}`, { method: 'PUT', body: { content: $('route-text').value } });
  const answer = await r.json().catch(() => ({}));
  if (r.ok) {
    $('route-error').hidden = true;
    $('route-message').textContent = tr('ذخیره شد؛ مسیرهای فایل در حال اجرا هستند.');
  } else {
    $('route-message').textContent = tr('این ویرایش پذیرفته نشد؛ نسخهٔ قبلی همچنان در حال اجراست.');
    $('route-error').textContent = answer.error ?? answer.detail ?? answer.title ?? String(r.status);
    $('route-error').hidden = false;
  }
  await routeFiles();
});

// The dashboard: figures and charts from the reports of the club, the CRM and the POS (Chart.js, drawn here; each chart
// has its figures as a table too, for screen readers and for those who read numbers better than bars)
const jalaliMonths = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
const labels = {
  male: 'مرد', female: 'زن', other: 'دیگر', unknown: 'نامشخص', none: 'بی‌سطح', champions: 'قهرمانان', loyal: 'وفادار',
  'potential-loyalists': 'وفادار آینده', new: 'تازه', promising: 'امیدبخش', 'need-attention': 'نیازمند توجه', 'about-to-sleep': 'در آستانهٔ خواب',
  'cannot-lose': 'نباید از دست برود', 'at-risk': 'در خطر', hibernating: 'خفته', lost: 'از دست رفته', ...categories,
};
const label = (key) => tr(labels[key] ?? key);
const charts = {};

function chart(id, names, series) {
  const figure = $(id);
  let canvas = figure.querySelector('canvas');
  if (!canvas) {
    canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    const box = document.createElement('div'); // Chart.js sizes the chart to this box
    box.className = 'chart-box';
    box.append(canvas);
    figure.append(box);
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = tr('جدول ارقام');
    details.append(summary, document.createElement('table'));
    figure.append(details);
  }
  figure.querySelector('summary').textContent = tr('جدول ارقام');
  // the figures in words for screen readers, and as a table for everyone
  canvas.setAttribute('aria-label', figure.querySelector('figcaption').textContent + ': ' + names.map((n, i) =>
    `${n} ${series.map((s) => amount.format(s.data[i])).join(' / ')}`).join(lang() === 'fa' ? '، ' : ', '));
  const table = figure.querySelector('table');
  const head = document.createElement('tr');
  head.append(...['', ...series.map((s) => s.label)].map((text) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    return th;
  }));
  table.replaceChildren(head, ...names.map((n, i) => {
    const row = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = n;
    row.append(th, ...series.map((s) => cell(amount.format(s.data[i]))));
    return row;
  }));
  // a chart made in the other language is made again (labels, direction)
  const drawn = charts[id];
  if (drawn) drawn.destroy();
  if (!window.Chart) return; // the tables still say it all
  const rtl = lang() === 'fa';
  const colours = ['#0b5fa5', '#b35c00', '#2e7d32'];
  charts[id] = new window.Chart(canvas, {
    type: 'bar',
    data: { labels: names, datasets: series.map((s, i) => ({ label: s.label, data: s.data, backgroundColor: colours[i % colours.length] })) },
    options: {
      locale: rtl ? 'fa-IR' : 'en-US', animation: false, maintainAspectRatio: false,
      plugins: { legend: { display: series.length > 1, rtl, labels: { font: { family: 'Vazirmatn' } } },
        tooltip: { rtl, bodyFont: { family: 'Vazirmatn' }, titleFont: { family: 'Vazirmatn' } } },
      scales: { x: { reverse: rtl, ticks: { font: { family: 'Vazirmatn' } } }, y: { beginAtZero: true, position: rtl ? 'right' : 'left',
        ticks: { precision: 0, font: { family: 'Vazirmatn' } } } },
    },
  });
}

const entries = (map) => Object.entries(map ?? {});

$('dashboard-refresh').addEventListener('click', () => dashboard(true));

async function dashboard(fresh = false) {
  const get = async (path) => {
    const r = await api(path);
    return r.ok ? r.json() : null;
  };
  const started = performance.now();
  await loadBranding();
  const [club, branches, tickets] = await Promise.all([`/api/club/reports/dashboard${fresh ? '?fresh=true' : ''}`,
    '/api/pos/branches/sales?days=30',
    '/api/crm/reports/tickets'].map(get));
  const { members, points } = club ?? {};
  const joins = lang() === 'fa' ? club?.joins : club?.joinsGregorian; // Jalali months in Persian, Gregorian in English
  const rfm = club ? { segments: club.rfmSegments } : null;
  if (members) {
    $('fig-members').textContent = amount.format(members.total);
    chart('chart-tiers', entries(members.byTier).map(([k]) => label(k)), [{ label: tr('اعضا'), data: entries(members.byTier).map(([, v]) => v) }]);
    chart('chart-gender', entries(members.byGender).map(([k]) => label(k)), [{ label: tr('اعضا'), data: entries(members.byGender).map(([, v]) => v) }]);
    chart('chart-age', entries(members.byAge).map(([k]) => (k === 'unknown' ? label(k) : persianDigits(k))),
      [{ label: tr('اعضا'), data: entries(members.byAge).map(([, v]) => v) }]);
  }
  if (joins) {
    const monthName = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
    chart('chart-joins', joins.map((m) => {
      const [y, mo] = m.month.split('-');
      return lang() === 'fa' ? `${jalaliMonths[Number(mo) - 1]} ${persianDigits(y)}` : monthName.format(Date.UTC(Number(y), Number(mo) - 1, 1));
    }),
      [{ label: tr('عضویت'), data: joins.map((m) => m.joined) }, { label: tr('ترک باشگاه'), data: joins.map((m) => m.left) }]);
  }
  if (points) {
    $('fig-points').textContent = amount.format(points.outstanding);
    $('fig-liability').textContent = points.liability === null ? '—' : money(points.liability, points.currency);
  }
  if (rfm) chart('chart-rfm', entries(rfm.segments).map(([k]) => label(k)), [{ label: tr('اعضا'), data: entries(rfm.segments).map(([, v]) => v) }]);
  if (branches) {
    chart('chart-branches', branches.map((b) => `${b.name ?? b.branch} (${b.currency})`),
      [{ label: tr('فروش‌ها'), data: branches.map((b) => b.sales) }, { label: tr('به اعضا'), data: branches.map((b) => b.memberSales) }]);
  }
  if (tickets) {
    const rows = tickets.byCategory ?? [];
    $('fig-open').textContent = amount.format(rows.reduce((sum, r) => sum + r.open, 0));
    $('fig-breached').textContent = amount.format(rows.reduce((sum, r) => sum + r.breached, 0));
    chart('chart-tickets', rows.map((r) => label(r.key)), [{ label: tr('ثبت شده'), data: rows.map((r) => r.filed) },
      { label: tr('باز'), data: rows.map((r) => r.open) }, { label: tr('دیرشده'), data: rows.map((r) => r.breached) }]);
  }
  const missing = [club, branches, tickets].filter((x) => x === null).length;
  $('dashboard-message').textContent = (missing ? tr('{0} گزارش در دسترس این کاربر نیست. ', persianDigits(missing)) : '')
    + (club ? tr('ارقام باشگاه تا {0}؛ ', time.format(new Date(club.asOf))) : '')
    + tr('به‌روز شد در {0} میلی‌ثانیه.', persianDigits(Math.round(performance.now() - started)));
}

// The programme: the earning rules (validated by the server, which names the JSON path of what is wrong), a basket's
// preview, voucher batches (codes exported as CSV) and the rewards catalogue
async function programme() {
  const [rules, batches, rewards] = await Promise.all(['/api/club/rules', '/api/club/voucher-batches', '/api/club/rewards?all=true']
    .map(async (path) => { const r = await api(path); return r.ok ? r.json() : null; }));
  if (rules) {
    $('rules-text').value = JSON.stringify(rules.rules, null, 2);
    $('rules-version').textContent = tr('نسخهٔ {0}، {1} — {2}', persianDigits(rules.version), rules.changedBy ?? '', date.format(new Date(rules.changedAt)));
  }
  $('batch-table').tBodies[0].replaceChildren(...(batches ?? []).map((b) => {
    const exportButton = document.createElement('button');
    exportButton.type = 'button';
    exportButton.className = 'link';
    exportButton.textContent = tr('دریافت CSV');
    exportButton.setAttribute('aria-label', tr('دریافت کدهای {0} به صورت CSV', b.name));
    exportButton.addEventListener('click', () => exportCodes(b));
    const codes = document.createElement('td');
    codes.append(exportButton);
    const row = document.createElement('tr');
    row.append(cell(b.name), cell(b.kind === 'PERCENT' ? tr('درصد') : tr('مبلغ')), cell(amount.format(b.value)),
      cell(b.validTo ? date.format(new Date(b.validTo)) : '—'), codes);
    return row;
  }));
  $('reward-table').tBodies[0].replaceChildren(...(rewards ?? []).map((w) => {
    const row = document.createElement('tr');
    row.append(cell(w.name + (w.active === false ? tr(' (غیرفعال)') : '')), cell(amount.format(w.pointsCost)),
      cell(w.stock === null || w.stock === undefined ? tr('نامحدود') : amount.format(w.stock)));
    return row;
  }));
}

// a CSV cell: quoted, and a leading = + - @ neutralised so that a spreadsheet does not run it as a formula
const csvCell = (value) => {
  const text = String(value ?? '');
  return '"' + (/^[=+\-@\t\r]/.test(text) ? "'" + text : text).replaceAll('"', '""') + '"';
};

async function exportCodes(batch) {
  const rows = [];
  for (let offset = 0; ; offset += 10000) {
    const r = await api(`/api/club/voucher-batches/${batch.id}/codes?limit=10000&offset=${offset}`);
    if (!r.ok) {
      $('batch-message').textContent = tr('کدها نیامد: {0}', await problemText(r));
      return;
    }
    const page = await r.json();
    rows.push(...page);
    if (page.length < 10000) break;
  }
  const csv = ['code,memberId,uses', ...rows.map((c) => [c.code, c.memberId, c.uses].map(csvCell).join(','))].join('\r\n');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob(['\ufeff' + csv], { type: 'text/csv;charset=utf-8' })); // BOM: Excel reads UTF-8
  link.download = `vouchers-${batch.id}.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  $('batch-message').textContent = tr('{0} کد دریافت شد.', persianDigits(rows.length));
}

$('rules-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  let rules;
  try {
    rules = JSON.parse($('rules-text').value);
  } catch (e) {
    $('rules-message').textContent = tr('متن JSON درست نیست: {0}', e.message);
    return;
  }
  const r = await api('/api/club/rules', { method: 'PUT', body: rules });
  if (r.ok) {
    $('rules-message').textContent = tr('قواعد تازه از همین حالا اعمال می‌شوند.');
    await programme();
  } else {
    const p = await r.json().catch(() => ({}));
    $('rules-message').textContent = tr('پذیرفته نشد؛ قواعد قبلی برقرار است. {0}', (p.field ? `${p.field}: ` : '') + (p.detail ?? r.status));
  }
});

$('evaluate-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const tier = $('evaluate-tier').value.trim();
  const r = await api('/api/club/rules/evaluate', { method: 'POST', body: {
    purchase: { currency: 'IRR', lines: [{ sku: 'preview', category: $('evaluate-category').value.trim(), quantity: 1,
      unitPrice: Number(latinDigits($('evaluate-amount').value.trim())) }] },
    ...(tier ? { member: { tier } } : {}) } });
  if (!r.ok) {
    const p = await r.json().catch(() => ({}));
    $('evaluate-result').textContent = tr('محاسبه نشد: {0}', (p.field ? `${p.field}: ` : '') + (p.detail ?? r.status));
    $('evaluate-why').replaceChildren();
    return;
  }
  const earning = await r.json();
  $('evaluate-result').textContent = tr('{0} امتیاز', amount.format(earning.points));
  $('evaluate-why').replaceChildren(...earning.explanation.map((line) => {
    const li = document.createElement('li');
    li.dir = 'auto';
    li.textContent = line;
    return li;
  }));
});

const whole = (id) => Number(latinDigits($(id).value.trim()));

$('batch-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const r = await api('/api/club/voucher-batches', { method: 'POST', body: { name: $('batch-name').value.trim(),
    kind: $('batch-kind').value, value: whole('batch-value'), count: whole('batch-count'),
    ...($('batch-kind').value === 'amount' ? { currency: 'IRR' } : {}) } });
  $('batch-message').textContent = r.ok ? tr('دسته ساخته شد.') : tr('ساخته نشد: {0}', await problemText(r));
  if (r.ok) await programme();
});

$('reward-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const stock = $('reward-stock').value.trim();
  const r = await api('/api/club/rewards', { method: 'POST', body: { name: $('reward-name').value.trim(), pointsCost: whole('reward-cost'),
    ...(stock ? { stock: Number(latinDigits(stock)) } : {}) } });
  $('reward-message').textContent = r.ok ? tr('جایزه افزوده شد.') : tr('افزوده نشد: {0}', await problemText(r));
  if (r.ok) await programme();
});

// Integration: subscriptions with their lag, parked deliveries (retry), a live tail of the event log, API keys,
// branches and their registers
const get = async (path) => {
  const r = await api(path);
  return r.ok ? r.json() : null;
};

async function integration() {
  const [, subscriptions, parked, keys, branchList, plugins] = await Promise.all([routeFiles(), get('/api/admin/subscriptions'),
    get('/api/admin/parked'), get('/api/admin/keys'), get('/api/pos/branches'), get('/api/admin/plugins')]);
  $('plugin-table').tBodies[0].replaceChildren(...(plugins ?? []).map((p) => {
    const row = document.createElement('tr');
    row.append(cell(p.name, true), cell(p.bundle, true), cell(p.version, true), cell(p.routeFiles.join(', ') || '—', true));
    return row;
  }));
  if (subscriptions) {
    $('transport').textContent = tr('انتقال رویدادها: {0}، آخرین رویداد {1}', subscriptions.transport, persianDigits(subscriptions.logEnd));
    $('subscription-table').tBodies[0].replaceChildren(...subscriptions.subscriptions.map((x) => {
      const row = document.createElement('tr');
      row.append(cell(x.name, true), cell(x.types, true), cell(amount.format(x.backlog)), cell(amount.format(x.parked)),
        cell(x.running ? tr('در حال اجرا') : tr('متوقف') + (x.waitingFor ? tr(' (منتظر {0})', x.waitingFor) : '')));
      return row;
    }));
  }
  $('parked-table').tBodies[0].replaceChildren(...(parked ?? []).map((p) => {
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'link';
    retry.textContent = p.retryRequested ? tr('در صف تلاش دوباره') : tr('تلاش دوباره');
    retry.disabled = p.retryRequested;
    retry.addEventListener('click', async () => {
      const r = await api(`/api/admin/parked/${p.id}/retry`, { method: 'POST', body: {} });
      $('parked-message').textContent = r.ok ? tr('دوباره تحویل داده می‌شود.') : tr('انجام نشد: {0}', await problemText(r));
      await integration();
    });
    const action = document.createElement('td');
    action.append(retry);
    const row = document.createElement('tr');
    row.append(cell(p.subscription, true), cell(`${persianDigits(p.eventSeq)} · ${p.subject ?? ''}`), cell(amount.format(p.attempts)),
      cell(p.lastError ?? '—', true), action);
    return row;
  }));
  if (!parked?.length) $('parked-message').textContent = tr('تحویل پارک‌شده‌ای نیست.');
  $('key-table').tBodies[0].replaceChildren(...(keys ?? []).map((k) => {
    const action = document.createElement('td');
    if (!k.revokedAt) {
      const revoke = document.createElement('button');
      revoke.type = 'button';
      revoke.className = 'link';
      revoke.textContent = tr('باطل کردن');
      revoke.setAttribute('aria-label', tr('باطل کردن کلید {0}', k.name));
      revoke.addEventListener('click', async () => {
        if (!window.confirm(tr('کلید {0} همین حالا باطل شود؟', k.name))) return;
        const r = await api(`/api/admin/keys/${encodeURIComponent(k.name)}`, { method: 'DELETE' });
        $('key-message').textContent = r.ok ? tr('کلید باطل شد.') : tr('باطل نشد: {0}', await problemText(r));
        await integration();
      });
      action.append(revoke);
    }
    const row = document.createElement('tr');
    row.append(cell(k.name, true), cell([...k.scopes].join(', '), true), cell(date.format(new Date(k.createdAt))),
      cell(k.revokedAt ? tr('باطل شده') : tr('فعال')), action);
    return row;
  }));
  const terminals = await Promise.all((branchList ?? []).map((b) => get(`/api/pos/branches/${encodeURIComponent(b.code)}/terminals`)));
  $('branch-list').replaceChildren(...(branchList ?? []).map((b, i) => {
    const li = document.createElement('li');
    const names = (terminals[i] ?? []).map((t) => t.name).join(', ');
    li.textContent = tr('{0} — صندوق‌ها: {1}', `${b.name} (${b.code}${b.city ? ', ' + b.city : ''})`, names || tr('هیچ'));
    return li;
  }));
}

$('key-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const scopes = $('key-scopes').value.split(/[,،\s]+/).map((x) => x.trim()).filter(Boolean);
  const r = await api('/api/admin/keys', { method: 'POST', body: { name: $('key-name').value.trim(), scopes } });
  if (!r.ok) {
    $('key-message').textContent = tr('ساخته نشد: {0}', await problemText(r));
    return;
  }
  const key = await r.json();
  $('key-message').textContent = tr('کلید ساخته شد؛ رمز آن فقط همین یک بار نشان داده می‌شود:');
  $('key-secret').textContent = key.key;
  $('key-secret').hidden = false;
  $('key-name').value = '';
  await integration();
});

// the live tail: the log read in order from its end, each request waiting up to 20 s for the next events
let tailing = false;
$('tail-toggle').addEventListener('click', async () => {
  tailing = !tailing;
  $('tail-toggle').setAttribute('aria-pressed', String(tailing));
  $('tail-toggle').textContent = tailing ? tr('توقف نمایش زنده') : tr('شروع نمایش زنده');
  if (!tailing) return;
  const latest = await get('/api/admin/subscriptions');
  let after = latest?.logEnd ?? 0;
  while (tailing && !$('routes').hidden) {
    const r = await api(`/api/admin/events?after=${after}&limit=100&waitSeconds=20`);
    if (!r.ok) break;
    const events = await r.json();
    for (const e of events) {
      after = Math.max(after, e.sequence ?? after);
      const li = document.createElement('li');
      li.textContent = `${e.sequence} ${e.type} ${e.subject ?? ''} ${JSON.stringify(e.data ?? {})}`.slice(0, 400);
      $('tail').prepend(li);
    }
    while ($('tail').children.length > 200) $('tail').lastChild.remove();
  }
  tailing = false;
  $('tail-toggle').setAttribute('aria-pressed', 'false');
  $('tail-toggle').textContent = tr('شروع نمایش زنده');
});

// Settings: the branding members see in their panel (checked by the server: a colour white text cannot be read on, or a
// logo that is not a small raster image, is refused naming the field)
let logo = null;

async function settings() {
  const b = await get('/api/public/branding');
  if (!b) return;
  $('brand-name').value = b.name;
  $('brand-colour').value = b.colour;
  $('brand-amounts').value = b.amounts;
  logo = b.logo;
  $('brand-logo-preview').hidden = !logo;
  if (logo) $('brand-logo-preview').src = logo;
  for (let i = 1; i <= 3; i++) {
    $(`banner-${i}-title`).value = b.banners[i - 1]?.title ?? '';
    $(`banner-${i}-text`).value = b.banners[i - 1]?.text ?? '';
  }
}

$('brand-logo').addEventListener('change', () => {
  const file = $('brand-logo').files[0];
  if (!file) return;
  const reader = new FileReader();
  reader.onload = () => {
    logo = reader.result;
    $('brand-logo-preview').src = logo;
    $('brand-logo-preview').hidden = false;
  };
  reader.readAsDataURL(file);
});

$('branding-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const banners = [1, 2, 3].map((i) => ({ title: $(`banner-${i}-title`).value.trim(), text: $(`banner-${i}-text`).value.trim() }))
    .filter((b) => b.title).map((b) => (b.text ? b : { title: b.title }));
  const r = await api('/api/admin/branding', { method: 'PUT', body: { name: $('brand-name').value.trim(), colour: $('brand-colour').value,
    amounts: $('brand-amounts').value, banners, ...(logo ? { logo } : {}) } });
  if (r.ok) {
    $('branding-message').textContent = tr('ذخیره شد؛ پنل اعضا از همین حالا با این نشان دیده می‌شود.');
  } else {
    const p = await r.json().catch(() => ({}));
    $('branding-message').textContent = tr('ذخیره نشد: {0}', p.detail ?? r.status);
  }
});

// Service: the tickets queue (above), tasks, the SMS outbox and a number's texts, surveys and their answers
async function service() {
  await Promise.all([tickets(), taskList(), smsStatus(), surveys()]);
}

const outcomes = { done: 'انجام شد', verified: 'تأیید شد', rejected: 'رد شد', 'no-answer': 'پاسخ نداد' };

async function taskList() {
  const list = await get('/api/crm/tasks?status=open&limit=100');
  $('task-table').tBodies[0].replaceChildren(...(list ?? []).map((k) => {
    const outcome = document.createElement('select');
    outcome.setAttribute('aria-label', tr('نتیجهٔ {0}', k.title));
    outcome.append(...Object.entries(outcomes).map(([value, text]) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = tr(text);
      return option;
    }));
    const done = document.createElement('button');
    done.type = 'button';
    done.textContent = tr('ثبت');
    done.setAttribute('aria-label', tr('ثبت نتیجهٔ {0}', k.title));
    done.addEventListener('click', async () => {
      const r = await api(`/api/crm/tasks/${k.id}/complete`, { method: 'POST', body: { outcome: outcome.value } });
      $('task-message').textContent = r.ok ? tr('کار انجام شد.') : tr('ثبت نشد: {0}', await problemText(r));
      await taskList();
    });
    const action = document.createElement('td');
    action.className = 'actions';
    action.append(outcome, done);
    const row = document.createElement('tr');
    row.append(cell(k.title), cell(k.kind, true), cell(k.assignee ?? k.role ?? '—', true), cell(k.dueAt ? timeLeft(k.dueAt) : '—'),
      action);
    return row;
  }));
  if (!list?.length) $('task-message').textContent = tr('کار بازی نیست.');
}

const smsStates = { QUEUED: 'در صف', SENT: 'فرستاده', DELIVERED: 'رسیده', FAILED: 'ناموفق', PARKED: 'پارک‌شده', SKIPPED: 'فرستاده نشد',
  RECEIVED: 'دریافتی' };

async function smsStatus() {
  const status = await get('/api/sms/status');
  if (!status) return;
  $('sms-status').textContent = tr('درگاه: {0} · {1}', status.active ?? '—', Object.entries(status.outbox ?? {})
    .map(([state, count]) => `${tr(smsStates[state] ?? state)}: ${amount.format(count)}`).join(lang() === 'fa' ? '، ' : ', '));
}

$('sms-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const r = await api('/api/sms/messages?limit=50&phone=' + encodeURIComponent(latinDigits($('sms-phone').value.trim())));
  if (!r.ok) {
    $('sms-list').replaceChildren();
    $('sms-status').textContent = tr('نیامد: {0}', await problemText(r));
    return;
  }
  $('sms-list').replaceChildren(...(await r.json()).map((m) => {
    const li = document.createElement('li');
    const head = document.createElement('span');
    head.textContent = `${m.direction === 'IN' ? tr('دریافتی') : tr('ارسالی')} · ${m.type} · ${tr(smsStates[m.status] ?? m.status)} · `
      + date.format(new Date(m.createdAt));
    const body = document.createElement('span');
    body.dir = 'auto';
    body.textContent = m.type === 'verification-code' ? tr('(کد ورود؛ نشان داده نمی‌شود)') : m.body;
    li.append(head, body);
    return li;
  }));
});

async function surveys() {
  const list = await get('/api/crm/surveys');
  const results = await Promise.all((list ?? []).map((s) => get(`/api/crm/surveys/${s.id}/results`)));
  $('survey-list').replaceChildren(...(list ?? []).map((s, i) => {
    const box = document.createElement('details');
    const summary = document.createElement('summary');
    const r = results[i];
    summary.textContent = `${s.title} — ${r ? tr('{0} پاسخ از {1} دعوت', amount.format(r.answered), amount.format(r.invited)) : ''}`;
    box.append(summary);
    for (const q of r?.questions ?? []) {
      const p = document.createElement('p');
      const counts = Object.entries(q.counts ?? {}).map(([k, v]) => `${k}: ${amount.format(v)}`).join(lang() === 'fa' ? '، ' : ', ');
      p.textContent = `${q.text}: ${counts}${q.mean !== null && q.mean !== undefined ? tr(' (میانگین {0})', amount.format(q.mean)) : ''}`;
      box.append(p);
    }
    return box;
  }));
}

// the language switch: the page's own texts at once, then the view (and an open member file) shown again
$('language').addEventListener('click', () => {
  switchLanguage();
  formats();
  languageButton();
  if (!$('nav').hidden) {
    view(shown);
    if (current !== null && shown === 'members') openMember(current);
  }
});
function languageButton() {
  $('language').textContent = lang() === 'fa' ? 'English' : 'فارسی';
  $('language').lang = lang() === 'fa' ? 'en' : 'fa';
}
translatePage();
languageButton();

whoAmI();
