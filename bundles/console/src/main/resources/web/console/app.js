// The console: signs an operator in (the session is an HttpOnly cookie; the CSRF token is kept for this tab and sent
// with every change) and calls the same REST API as any client. Everything a server sends is shown as text, never as
// markup. Numbers and dates are shown the Persian way (Persian digits, the Jalali calendar) by the browser's Intl.
const api = (path, options = {}) => {
  const headers = { 'Accept': 'application/json', ...(options.headers || {}) };
  const csrf = sessionStorage.getItem('vafa.csrf');
  if (options.method && options.method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(path, { ...options, headers, credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body) });
};

const digits = new Intl.NumberFormat('fa-IR', { useGrouping: false });
const date = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { year: 'numeric', month: 'long', day: 'numeric' });
const persianDigits = (text) => String(text ?? '').replace(/[0-9]/g, (d) => digits.format(Number(d)));

const $ = (id) => document.getElementById(id);

const views = { members: () => $('search').focus(), tickets: () => tickets(), routes: () => routeFiles() };

function view(name) {
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
  if (signedIn) view('members');
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
    $('sign-in-error').textContent = r.status === 429 ? 'تلاش‌های زیادی شد؛ یک دقیقه بعد دوباره امتحان کنید.'
      : r.status === 403 ? 'این کاربر به کنسول دسترسی ندارد.' : 'نام کاربری یا گذرواژه درست نیست.';
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
      $('search-status').textContent = 'جستجو انجام نشد (' + persianDigits(r.status) + ').';
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
    $('search-status').textContent = members.length === 0 ? 'عضوی با این نام پیدا نشد.'
      : persianDigits(members.length) + ' عضو';
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
  $('member-tier').textContent = tier?.tier ? tier.tier + (tier.manual ? ' (به دست کارکنان)' : '') : '—';
  const entries = Array.isArray(history) ? history : (history?.entries ?? []);
  $('history').tBodies[0].replaceChildren(...entries.map((h) => {
    const row = document.createElement('tr');
    for (const value of [h.createdAt ? date.format(new Date(h.createdAt)) : '—', kinds[h.kind] ?? h.kind, persianDigits(h.points),
      h.reason ?? h.source ?? '']) {
      const cell = document.createElement('td');
      cell.textContent = value;
      row.append(cell);
    }
    return row;
  }));
  $('member-message').textContent = '';
  $('member-name').focus?.();
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
    $('member-message').textContent = 'ثبت نشد: ' + (problem.detail ?? r.status);
  }
}

$('adjust-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const points = Number(latinDigits($('adjust-points').value.trim()));
  if (!Number.isInteger(points) || points === 0) {
    $('member-message').textContent = 'امتیاز باید عددی صحیح و غیر صفر باشد.';
    return;
  }
  await change(`/api/club/members/${current}/points/adjust`, 'POST', { points, reason: $('adjust-reason').value.trim() },
    'امتیاز اصلاح شد.');
  $('adjust-points').value = '';
  $('adjust-reason').value = '';
});

$('tier-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  await change(`/api/club/members/${current}/tier`, 'PUT', { tier: $('tier-name').value.trim(), reason: $('tier-reason').value.trim() },
    'سطح ثبت شد.');
});

// Tickets: the queue with SLA time left (in words, not by colour alone), a ticket's thread, reply, status
const statuses = { new: 'ثبت شده', acknowledged: 'دیده شده', in_progress: 'در حال رسیدگی', waiting_on_customer: 'منتظر مشتری',
  resolved: 'حل شده', closed: 'بسته' };
const categories = { complaint: 'شکایت', question: 'پرسش', suggestion: 'پیشنهاد', warranty: 'گارانتی' };
const hours = new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 1 });
const timeLeft = (due) => {
  if (!due) return 'متوقف یا تمام';
  const h = (new Date(due) - Date.now()) / 3_600_000;
  return h >= 0 ? `${hours.format(h)} ساعت مانده` : `${hours.format(-h)} ساعت گذشته (دیر شده)`;
};
let ticketShown = null;

async function tickets() {
  const filter = $('ticket-filter').value;
  const r = await api('/api/crm/tickets?limit=200' + (filter === 'open' ? '' : '&status=' + filter));
  if (!r.ok) {
    $('ticket-message').textContent = 'فهرست تیکت‌ها نیامد: ' + await problemText(r);
    return;
  }
  const list = (await r.json()).filter((k) => filter !== 'open' || !['resolved', 'closed'].includes(k.status));
  $('ticket-table').tBodies[0].replaceChildren(...list.map((k) => openingRow([cell(persianDigits(k.number)), cell(k.subject),
    cell(categories[k.category] ?? k.category), cell(statuses[k.status] ?? k.status), cell(timeLeft(k.dueAt))], () => ticket(k.id))));
  $('ticket-message').textContent = list.length === 0 ? 'تیکتی در این وضعیت نیست.' : '';
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
  $('ticket-title').textContent = `تیکت ${persianDigits(k.number)} — ${k.subject}`;
  $('ticket-customer').textContent = customer ? `${customer.firstName ?? ''} ${customer.lastName ?? ''}`.trim() || '—' : '—';
  $('ticket-status').textContent = statuses[k.status] ?? k.status;
  $('ticket-due').textContent = timeLeft(k.dueAt);
  const thread = [{ kind: 'customer', author: 'مشتری', text: k.text, createdAt: k.filedAt }, ...(replies ?? [])];
  $('ticket-thread').replaceChildren(...thread.map((reply) => {
    const li = document.createElement('li');
    li.className = reply.kind;
    const who = document.createElement('span');
    const author = document.createElement('bdi'); // operator:admin keeps its own direction
    author.textContent = reply.kind === 'customer' ? 'مشتری' : reply.author;
    who.append(reply.kind === 'note' ? 'یادداشت داخلی: ' : '', author,
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
  $('ticket-message').textContent = r.ok ? 'پاسخ ثبت شد.' : 'ثبت نشد: ' + await problemText(r);
  if (r.ok) {
    $('reply-text').value = '';
    await Promise.all([ticket(ticketShown), tickets()]);
  }
});

$('status-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const r = await api(`/api/crm/tickets/${ticketShown}`, { method: 'PATCH', body: { status: $('status-next').value } });
  $('ticket-message').textContent = r.ok ? 'وضعیت ثبت شد.' : 'ثبت نشد: ' + await problemText(r);
  if (r.ok) await Promise.all([ticket(ticketShown), tickets()]);
});

// Route files: state, owner, last error; edited in place — the server validates, then swaps; a rejected edit changes nothing
const fileStates = { DEPLOYED: 'در حال اجرا', REJECTED: 'رد شده', DELETED: 'حذف شده' };
let routeShown = null;

async function routeFiles() {
  const r = await api('/api/admin/routes');
  if (!r.ok) {
    $('route-message').textContent = 'فهرست مسیرها نیامد: ' + await problemText(r);
    return;
  }
  const files = await r.json();
  $('route-table').tBodies[0].replaceChildren(...files.map((f) => openingRow([cell(f.file, true),
    cell(f.owner ? f.owner + (f.overriding ? ' (بازنویسی شده)' : '') : 'اپراتور'), cell(fileStates[f.status] ?? f.status),
    cell(f.routes.map((x) => `${x.id}: ${x.state}`).join('، '), true), cell(f.error ?? '—', true)], () => routeFile(f.file))));
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
    $('route-message').textContent = 'ذخیره شد؛ مسیرهای فایل در حال اجرا هستند.';
  } else {
    $('route-message').textContent = 'این ویرایش پذیرفته نشد؛ نسخهٔ قبلی همچنان در حال اجراست.';
    $('route-error').textContent = answer.error ?? answer.detail ?? answer.title ?? String(r.status);
    $('route-error').hidden = false;
  }
  await routeFiles();
});

whoAmI();
