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

whoAmI();
