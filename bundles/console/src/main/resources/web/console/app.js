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

function show(signedIn, operator) {
  $('sign-in').hidden = signedIn;
  $('members').hidden = !signedIn;
  $('who').hidden = !signedIn;
  $('sign-out').hidden = !signedIn;
  $('who').textContent = signedIn ? operator : '';
  if (signedIn) $('search').focus();
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

whoAmI();
