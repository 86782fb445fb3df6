// The member panel: a member signs in with the code texted to their mobile (the session token is kept on this device
// until it expires or they sign out) and sees their club through the same REST API as any client (/api/me/...).
// Everything a server sends is shown as text, never as markup. Persian (Jalali dates, Persian digits) by default,
// English by the switch in the bar.
const strings = {
  fa: {
    signOut: 'خروج', signInTitle: 'ورود اعضا', mobile: 'شماره موبایل', sendCode: 'ارسال کد', code: 'کد پیامک‌شده', enter: 'ورود',
    sections: 'بخش‌ها', home: 'امتیاز من', tickets: 'تیکت‌ها', profile: 'مشخصات', available: 'امتیاز قابل استفاده',
    pending: 'امتیاز در انتظار', tier: 'سطح', storedValue: 'اعتبار کیف پول', vouchers: 'کدهای تخفیف من', history: 'گردش امتیاز',
    date: 'تاریخ', kind: 'نوع', pointsColumn: 'امتیاز', newTicket: 'تیکت تازه', category: 'موضوع', subject: 'عنوان', text: 'شرح',
    file: 'ثبت تیکت', yourReply: 'پاسخ شما', send: 'ارسال', rateQuestion: 'از پاسخ ما راضی بودید؟', good: 'بله، راضی بودم',
    bad: 'نه، راضی نبودم', comment: 'نظر شما (اختیاری)', rate: 'ثبت نظر', name: 'نام', email: 'ایمیل', cards: 'کارت‌ها',
    joined: 'عضویت از', consents: 'پیام‌های تبلیغاتی', codeSent: 'اگر این شماره عضو باشگاه باشد، کد ورود به آن پیامک شد.',
    tooSoon: 'کمی صبر کنید و دوباره درخواست کنید.', wrongCode: 'کد درست نیست.', badMobile: 'شماره موبایل درست نیست.',
    hello: (name) => `سلام ${name}`, none: 'هیچ', noTickets: 'هنوز تیکتی ندارید.', filed: (n) => `تیکت ${n} ثبت شد.`,
    failed: 'انجام نشد: ', replied: 'پاسخ شما ارسال شد.', rated: 'نظر شما ثبت شد. سپاس!', yourRating: (r) => `نظر شما: ${r}`,
    usesLeft: (n) => `${n} بار`, validTo: (d) => `تا ${d}`, smsYes: 'پیامک: بله', smsNo: 'پیامک: نه', emailYes: 'ایمیل: بله',
    emailNo: 'ایمیل: نه', you: 'شما', staff: 'پشتیبانی', offline: 'اتصال برقرار نیست؛ بعداً دوباره امتحان کنید.',
    kinds: { EARN: 'کسب', REDEEM: 'خرج', ADJUST: 'اصلاح', EXPIRE: 'انقضا', REVERSE: 'برگشت', REVERSE_REDEEM: 'برگشت خرج', RELEASE: 'آزاد شدن' },
    statuses: { new: 'ثبت شده', acknowledged: 'دیده شد', in_progress: 'در حال رسیدگی', waiting_on_customer: 'منتظر پاسخ شما',
      resolved: 'حل شد', closed: 'بسته شد' },
    categories: { complaint: 'شکایت', question: 'پرسش', suggestion: 'پیشنهاد', warranty: 'گارانتی' },
    progress: 'تا سطح بعد', topTier: 'بالاترین سطح را دارید.',
    toward: (counted, from, next, months) => `${counted} از ${from} برای سطح ${next} (در ${months} ماه)`,
    rewards: 'جوایز', messages: 'پیام‌ها', myClaims: 'جوایزی که گرفته‌ام', claim: 'گرفتن با امتیاز', cost: (n) => `${n} امتیاز`,
    inStock: (n) => `${n} عدد مانده`, unlimited: 'موجود', claimed: (name) => `${name} برای شما ثبت شد.`, shortOfPoints: 'امتیاز کافی نیست.',
    outOfStock: 'تمام شده است.', yourPoints: (n) => `امتیاز شما: ${n}`, noMessages: 'پیامی نیست.', cancelled: 'لغو شده',
    referral: 'کد معرفی شما', referralHint: 'دوستانتان هنگام عضویت این کد را بدهند تا معرف آن‌ها شما باشید.',
    share: 'هم‌رسانی کد معرفی', shareText: (code) => `با کد معرف ${code} عضو باشگاه مشتریان ما شوید.`, copied: 'کد رونوشت شد.',
  },
  en: {
    signOut: 'Sign out', signInTitle: 'Member sign-in', mobile: 'Mobile number', sendCode: 'Send the code', code: 'Code from the SMS',
    enter: 'Sign in', sections: 'Sections', home: 'My points', tickets: 'Tickets', profile: 'Profile', available: 'Points available',
    pending: 'Points pending', tier: 'Tier', storedValue: 'Wallet', vouchers: 'My vouchers', history: 'Points history', date: 'Date',
    kind: 'Kind', pointsColumn: 'Points', newTicket: 'New ticket', category: 'Category', subject: 'Subject', text: 'Description',
    file: 'File the ticket', yourReply: 'Your reply', send: 'Send', rateQuestion: 'Were you satisfied with our answer?',
    good: 'Yes, satisfied', bad: 'No, not satisfied', comment: 'Your comment (optional)', rate: 'Send', name: 'Name', email: 'Email',
    cards: 'Cards', joined: 'Member since', consents: 'Marketing messages',
    codeSent: 'If this number is a member\'s, a sign-in code has been texted to it.', tooSoon: 'Please wait a little and ask again.',
    wrongCode: 'The code is not right.', badMobile: 'The mobile number is not right.', hello: (name) => `Hello ${name}`, none: 'None',
    noTickets: 'No tickets yet.', filed: (n) => `Ticket ${n} filed.`, failed: 'Not done: ', replied: 'Your reply was sent.',
    rated: 'Thank you for your answer!', yourRating: (r) => `Your answer: ${r}`, usesLeft: (n) => `${n} uses`, validTo: (d) => `until ${d}`,
    smsYes: 'SMS: yes', smsNo: 'SMS: no', emailYes: 'Email: yes', emailNo: 'Email: no', you: 'You', staff: 'Support',
    offline: 'No connection; please try again later.',
    kinds: { EARN: 'Earned', REDEEM: 'Spent', ADJUST: 'Adjusted', EXPIRE: 'Expired', REVERSE: 'Reversed', REVERSE_REDEEM: 'Spend reversed',
      RELEASE: 'Released' },
    statuses: { new: 'Filed', acknowledged: 'Seen', in_progress: 'In progress', waiting_on_customer: 'Waiting for you', resolved: 'Resolved',
      closed: 'Closed' },
    categories: { complaint: 'Complaint', question: 'Question', suggestion: 'Suggestion', warranty: 'Warranty' },
    progress: 'To the next tier', topTier: 'You are at the top tier.',
    toward: (counted, from, next, months) => `${counted} of ${from} for ${next} (over ${months} months)`,
    rewards: 'Rewards', messages: 'Messages', myClaims: 'My rewards', claim: 'Claim with points', cost: (n) => `${n} points`,
    inStock: (n) => `${n} left`, unlimited: 'Available', claimed: (name) => `${name} is yours.`, shortOfPoints: 'Not enough points.',
    outOfStock: 'Out of stock.', yourPoints: (n) => `Your points: ${n}`, noMessages: 'No messages.', cancelled: 'cancelled',
    referral: 'Your referral code', referralHint: 'Friends who give this code when they join are referred by you.',
    share: 'Share my referral code', shareText: (code) => `Join our customer club with the referral code ${code}.`, copied: 'Code copied.',
  },
};

const $ = (id) => document.getElementById(id);
let language = localStorage.getItem('vafa.lang') === 'en' ? 'en' : 'fa';
const t = () => strings[language];
const locale = () => (language === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB');
const number = (n) => new Intl.NumberFormat(language === 'fa' ? 'fa-IR' : 'en-US').format(n);
const digits = (text) => (language === 'fa' ? String(text ?? '').replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]) : String(text ?? ''));
const day = (instant) => (instant ? new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'long', day: 'numeric' })
  .format(new Date(instant)) : '—');
// Persian or Arabic-Indic digits typed on any keyboard count as digits
const latin = (text) => text.replace(/[۰-۹]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'.indexOf(d)).replace(/[٠-٩]/g, (d) => '٠١٢٣٤٥٦٧٨٩'.indexOf(d));

const session = () => {
  try {
    const s = JSON.parse(localStorage.getItem('vafa.member') ?? 'null');
    return s && new Date(s.expiresAt) > new Date() ? s : null;
  } catch {
    return null;
  }
};

async function api(path, options = {}) {
  const headers = { 'Accept': 'application/json', 'Accept-Language': language };
  const s = session();
  if (s) headers.Authorization = 'Bearer ' + s.token;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.once) headers['Idempotency-Key'] = options.once; // a repeat of this request is answered, not done again
  const r = await fetch(path, { ...options, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  if (r.status === 401 && s && !path.startsWith('/api/me/sign-in')) signedOut();
  return r;
}

// an amount in the club's money; IRR shown as toman (a tenth) where the organisation chose so
const money = (value, currency) => (currency === 'IRR' && toman ? `${number(Number(value) / 10)} ${language === 'fa' ? 'تومان' : 'toman'}`
  : `${number(value)} ${currency === 'IRR' && language === 'fa' ? 'ریال' : currency ?? ''}`);

// a random id for a request (crypto.randomUUID needs HTTPS; a club may serve the panel over plain HTTP on its LAN)
const requestId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

async function problem(r) {
  const p = await r.json().catch(() => ({}));
  return t().failed + (p.detail ?? p.title ?? r.status);
}

function translate() {
  document.documentElement.lang = language;
  document.documentElement.dir = language === 'fa' ? 'rtl' : 'ltr';
  for (const e of document.querySelectorAll('[data-t]')) e.textContent = t()[e.dataset.t];
  for (const e of document.querySelectorAll('[data-t-label]')) e.setAttribute('aria-label', t()[e.dataset.tLabel]);
  $('language').textContent = language === 'fa' ? 'English' : 'فارسی';
  $('language').lang = language === 'fa' ? 'en' : 'fa';
  $('language').dir = language === 'fa' ? 'ltr' : 'rtl';
}

$('language').addEventListener('click', () => {
  language = language === 'fa' ? 'en' : 'fa';
  localStorage.setItem('vafa.lang', language);
  translate();
  if (session()) load();
});

function signedOut() {
  localStorage.removeItem('vafa.member');
  $('panel').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('mobile-form').hidden = false;
  $('code-form').hidden = true;
}

$('mobile-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const r = await api('/api/me/sign-in', { method: 'POST', body: { mobile: latin($('mobile').value.trim()) } });
  if (r.status === 202) {
    $('sign-in-message').textContent = t().codeSent;
    $('mobile-form').hidden = true;
    $('code-form').hidden = false;
    $('code').focus();
  } else {
    $('sign-in-message').textContent = r.status === 429 ? t().tooSoon : r.status === 400 ? t().badMobile : await problem(r);
  }
});

$('code-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const r = await api('/api/me/sign-in/verify', { method: 'POST',
    body: { mobile: latin($('mobile').value.trim()), code: latin($('code').value.trim()) } });
  if (!r.ok) {
    $('sign-in-message').textContent = r.status === 401 ? t().wrongCode : r.status === 429 ? t().tooSoon : await problem(r);
    return;
  }
  const s = await r.json();
  localStorage.setItem('vafa.member', JSON.stringify({ token: s.token, expiresAt: s.expiresAt }));
  $('code').value = '';
  $('sign-in-message').textContent = '';
  await load();
});

$('sign-out').addEventListener('click', async () => {
  await api('/api/me/session', { method: 'DELETE' });
  signedOut();
});

for (const tab of document.querySelectorAll('[data-tab]')) {
  tab.addEventListener('click', () => {
    for (const other of document.querySelectorAll('[data-tab]')) {
      other.toggleAttribute('aria-current', other === tab);
      if (other === tab) other.setAttribute('aria-current', 'page');
      $(other.dataset.tab).hidden = other !== tab;
    }
    if (tab.dataset.tab === 'tickets') tickets();
    if (tab.dataset.tab === 'rewards') rewards();
    if (tab.dataset.tab === 'messages') messages();
  });
}

const cell = (value) => {
  const td = document.createElement('td');
  td.textContent = value;
  return td;
};
const item = (...parts) => {
  const li = document.createElement('li');
  for (const part of parts) {
    const span = document.createElement('span');
    span.textContent = part;
    li.append(span);
  }
  return li;
};

async function load() {
  const [meResponse, pointsResponse, tierResponse] = await Promise.all([api('/api/me'), api('/api/me/points'), api('/api/me/tier')]);
  if (!meResponse.ok) return;
  const me = await meResponse.json();
  const progress = tierResponse.ok ? await tierResponse.json() : null; // none when the programme has no tiers
  const counted = (value) => (progress?.basis === 'spend' ? money(value, me.currency) : number(value));
  $('tier-progress').hidden = !progress?.next;
  $('tier-progress-text').textContent = !progress ? '—' : !progress.next ? t().topTier
    : t().toward(counted(progress.counted), counted(progress.nextFrom), progress.next, number(progress.windowMonths));
  if (progress?.next) {
    $('tier-progress').max = Number(progress.nextFrom);
    $('tier-progress').value = Math.min(Number(progress.counted), Number(progress.nextFrom));
  }
  const lines = pointsResponse.ok ? await pointsResponse.json() : [];
  $('sign-in').hidden = true;
  $('panel').hidden = false;
  $('sign-out').hidden = false;
  $('greeting').textContent = t().hello(me.firstName);
  $('points').textContent = number(me.pointsAvailable);
  $('pending').textContent = number(me.pointsPending);
  $('tier').textContent = me.tier ?? '—';
  $('stored-value').textContent = money(me.storedValue ?? 0, me.currency);
  $('vouchers').replaceChildren(...(me.vouchers.length === 0 ? [item(t().none)] : me.vouchers.map((v) => {
    const li = item(v.code, String(v.kind).toUpperCase() === 'PERCENT' ? `${number(v.value)}٪` : money(v.value, me.currency),
      t().validTo(day(v.validTo)), t().usesLeft(number(v.usesLeft)));
    li.firstChild.dir = 'ltr';
    return li;
  })));
  $('history').tBodies[0].replaceChildren(...lines.map((l) => {
    const row = document.createElement('tr');
    row.append(cell(day(l.createdAt)), cell(t().kinds[l.kind] ?? l.kind), cell(number(l.points)));
    return row;
  }));
  $('profile-name').textContent = `${me.firstName} ${me.lastName}`;
  $('profile-mobile').textContent = digits(me.mobile);
  $('profile-email').textContent = me.email ?? '—';
  $('profile-cards').textContent = me.cards.length ? me.cards.map(digits).join('، ') : '—';
  $('profile-joined').textContent = day(me.joinedAt);
  $('profile-consents').textContent = `${me.consentSms ? t().smsYes : t().smsNo} · ${me.consentEmail ? t().emailYes : t().emailNo}`;
  $('profile-referral').textContent = me.referralCode ?? '—';
  referralCode = me.referralCode;
  points = me.pointsAvailable;
  if (!$('tickets').hidden) await tickets();
  if (!$('rewards').hidden) await rewards();
  if (!$('messages').hidden) await messages();
}

let referralCode = null;
let points = 0;

// Rewards: the catalogue, each claimable with points (the server decides: short of points or out of stock is a 409)
async function rewards() {
  const r = await api('/api/me/rewards');
  if (!r.ok) return;
  const { catalogue, claims } = await r.json();
  $('rewards-points').textContent = t().yourPoints(number(points));
  const names = new Map(catalogue.map((w) => [w.id, w.name]));
  $('reward-list').replaceChildren(...catalogue.map((w) => {
    const li = document.createElement('li');
    const name = document.createElement('h3');
    name.textContent = w.name;
    const about = document.createElement('p');
    about.textContent = [t().cost(number(w.pointsCost)), w.stock === null || w.stock === undefined ? t().unlimited : t().inStock(number(w.stock)),
      w.description ?? ''].filter(Boolean).join(' · ');
    const claim = document.createElement('button');
    claim.type = 'button';
    claim.textContent = t().claim;
    claim.setAttribute('aria-label', `${t().claim}: ${w.name}`);
    claim.disabled = w.pointsCost > points || w.stock === 0;
    claim.addEventListener('click', async () => {
      claim.disabled = true; // one claim per click: a second click while it is sent claims nothing more
      const answer = await api('/api/me/rewards', { method: 'POST', body: { rewardId: w.id }, once: requestId() });
      $('reward-message').textContent = answer.ok ? t().claimed(w.name) : answer.status === 409
        ? (w.stock === 0 ? t().outOfStock : t().shortOfPoints) : await problem(answer);
      await load();
      await rewards();
    });
    li.append(name, about, claim);
    return li;
  }));
  $('claim-list').replaceChildren(...(claims.length === 0 ? [item(t().none)] : claims.map((c) =>
    item(names.get(c.rewardId) ?? c.rewardId, t().cost(number(c.points)), day(c.claimedAt), ...(c.status === 'CANCELLED' || c.cancelledAt
      ? [t().cancelled] : [])))));
}

async function messages() {
  const r = await api('/api/me/messages');
  if (!r.ok) return;
  const list = await r.json();
  $('message-list').replaceChildren(...(list.length === 0 ? [item(t().noMessages)] : list.map((m) => {
    const li = item(day(m.createdAt), m.body);
    li.className = 'theirs';
    li.lastChild.dir = 'auto';
    return li;
  })));
}

$('share').addEventListener('click', async () => {
  const text = t().shareText(referralCode);
  try {
    if (navigator.share) {
      await navigator.share({ text });
      return;
    }
    await navigator.clipboard.writeText(text);
    $('share-message').textContent = t().copied;
  } catch {
    $('share-message').textContent = text; // shown, to copy by hand
  }
});

let categoriesLoaded = false;
async function tickets() {
  if (!categoriesLoaded) {
    const r = await api('/api/me/ticket-categories');
    if (r.ok) {
      $('ticket-category').replaceChildren(...(await r.json()).map((c) => {
        const option = document.createElement('option');
        option.value = c;
        option.textContent = t().categories[c] ?? c;
        return option;
      }));
      categoriesLoaded = true;
    }
  }
  const r = await api('/api/me/tickets');
  if (!r.ok) return;
  const list = await r.json();
  $('ticket-list').replaceChildren(...(list.length === 0 ? [item(t().noTickets)] : list.map((k) => {
    const li = document.createElement('li');
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'link';
    open.textContent = `${digits(k.number)} — ${k.subject} (${t().statuses[k.status] ?? k.status})`;
    open.addEventListener('click', () => ticket(k.id));
    li.append(open);
    return li;
  })));
}

let shown = null;
async function ticket(id) {
  shown = id;
  const r = await api(`/api/me/tickets/${encodeURIComponent(id)}`);
  if (!r.ok || shown !== id) return;
  const mine = await r.json();
  await tickets(); // the list shows the status just read
  $('ticket').hidden = false;
  $('ticket-title').textContent = `${digits(mine.ticket.number)} — ${mine.ticket.subject}`;
  $('ticket-status').textContent = t().statuses[mine.ticket.status] ?? mine.ticket.status;
  const thread = [{ kind: 'customer', text: mine.ticket.text, createdAt: mine.ticket.filedAt }, ...mine.replies];
  $('ticket-thread').replaceChildren(...thread.map((reply) => {
    const li = item(`${reply.kind === 'customer' ? t().you : t().staff} · ${day(reply.createdAt)}`, reply.text);
    li.className = reply.kind === 'customer' ? 'mine' : 'theirs';
    return li;
  }));
  $('reply-form').hidden = mine.ticket.status === 'closed';
  $('rating-form').hidden = !(mine.ticket.status === 'resolved' || mine.ticket.status === 'closed') || mine.rating !== null;
  $('ticket-rating').textContent = mine.rating ? t().yourRating(mine.rating.rating === 'good' ? t().good : t().bad) : '';
}

$('ticket-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const r = await api('/api/me/tickets', { method: 'POST', body: { category: $('ticket-category').value,
    subject: $('ticket-subject').value.trim(), text: $('ticket-text').value.trim() } });
  if (!r.ok) {
    $('ticket-message').textContent = await problem(r);
    return;
  }
  const filed = await r.json();
  $('ticket-subject').value = '';
  $('ticket-text').value = '';
  $('ticket-message').textContent = t().filed(digits(filed.number));
  await tickets();
  await ticket(filed.id);
});

$('reply-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const r = await api(`/api/me/tickets/${encodeURIComponent(shown)}/replies`, { method: 'POST', body: { text: $('reply-text').value.trim() } });
  $('ticket-message').textContent = r.ok ? t().replied : await problem(r);
  if (r.ok) {
    $('reply-text').value = '';
    await ticket(shown);
  }
});

$('rating-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const rating = document.querySelector('input[name=rating]:checked')?.value;
  const comment = $('rating-comment').value.trim();
  const r = await api(`/api/me/tickets/${encodeURIComponent(shown)}/rating`, { method: 'POST',
    body: comment ? { rating, comment } : { rating } });
  $('ticket-message').textContent = r.ok ? t().rated : await problem(r);
  if (r.ok) await ticket(shown);
});

window.addEventListener('unhandledrejection', () => { $('sign-in-message').textContent = t().offline; });

// the organisation's look (name, colour, logo, banners, rial or toman), shown before sign-in too
let toman = false;
async function brand() {
  const r = await fetch('/api/public/branding', { headers: { Accept: 'application/json' } });
  if (!r.ok) return;
  const b = await r.json();
  $('club-name').textContent = b.name;
  document.title = b.name;
  document.documentElement.style.setProperty('--accent', b.colour);
  document.querySelector('meta[name=theme-color]').content = b.colour;
  $('club-logo').hidden = !b.logo;
  if (b.logo) $('club-logo').src = b.logo;
  toman = b.amounts === 'toman';
  $('banners').replaceChildren(...b.banners.map((banner) => {
    const li = document.createElement('li');
    const title = document.createElement('strong');
    title.textContent = banner.title;
    li.append(title);
    if (banner.text) {
      const text = document.createElement('span');
      text.textContent = banner.text;
      li.append(text);
    }
    return li;
  }));
}

translate();
await brand();
if (session()) load();
else signedOut();
// installable and usable offline (the pages only; the member's data always comes from the server)
if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch(() => {});
