// The console's two languages: Persian, right to left (the default), and English by the switch in the bar. Texts are
// written in Persian where they are used; English comes from the dictionary below, keyed by the Persian text ({0}, {1}
// stand for values). A text without an English entry stays Persian rather than going blank.
const en = {
  // the page
  'وفا — کنسول باشگاه': 'Vafa — club console', 'وفا': 'Vafa', 'داشبورد': 'Dashboard', 'اعضا': 'Members', 'برنامه': 'Programme',
  'خدمات': 'Service', 'یکپارچگی': 'Integration', 'تنظیمات': 'Settings', 'خروج': 'Sign out', 'ورود کارکنان': 'Staff sign-in',
  'نام کاربری': 'User name', 'گذرواژه': 'Password', 'ورود': 'Sign in', 'جستجوی نام': 'Search by name',
  'برای دیدن پرونده، نام عضو را انتخاب کنید': 'Choose a member to open their file', 'نام': 'Name', 'موبایل': 'Mobile', 'سطح': 'Tier',
  'عضویت': 'Joined', 'امتیاز قابل استفاده': 'Points available', 'امتیاز در انتظار': 'Points pending', 'گردش امتیاز': 'Points history',
  'تاریخ': 'Date', 'نوع': 'Kind', 'امتیاز': 'Points', 'شرح': 'Details', 'اصلاح امتیاز': 'Adjust points',
  'امتیاز (مثبت یا منفی)': 'Points (plus or minus)', 'دلیل': 'Reason', 'ثبت اصلاح': 'Adjust', 'تعیین سطح به دست کارکنان': 'Set the tier by hand',
  'ثبت سطح': 'Set tier', 'اعضای فعال': 'Active members', 'امتیاز مانده (تعهد)': 'Points outstanding (liability)',
  'ارزش ریالی تعهد': 'Value of the liability', 'تیکت‌های باز': 'Open tickets', 'تیکت‌های دیرشده': 'Overdue tickets',
  'عضویت و خروج در ۱۲ ماه اخیر': 'Joins and leaves, last 12 months', 'اعضا بر اساس سطح': 'Members by tier',
  'اعضا بر اساس جنسیت': 'Members by gender', 'اعضا بر اساس سن': 'Members by age', 'بخش‌های RFM (۱۲ ماه)': 'RFM segments (12 months)',
  'فروش شعبه‌ها در ۳۰ روز اخیر': 'Sales per branch, last 30 days', 'تیکت‌ها بر اساس موضوع (۳۰ روز)': 'Tickets by category (30 days)',
  'برنامهٔ باشگاه': 'The club\'s programme', 'قواعد امتیازدهی': 'Earning rules', 'قواعد (JSON)': 'Rules (JSON)', 'اعمال قواعد': 'Apply the rules',
  'پیش‌نمایش یک سبد': 'Preview a basket', 'قواعد در حال اجرا را روی یک خرید می‌آزماید؛ چیزی ثبت نمی‌شود.':
    'Tries the rules in force on a purchase; nothing is recorded.', 'دستهٔ کالا': 'Category', 'مبلغ (ریال)': 'Amount (IRR)',
  'سطح عضو (اختیاری)': 'Member\'s tier (optional)', 'محاسبه': 'Compute', 'دسته‌های کد تخفیف': 'Voucher batches', 'مقدار': 'Value',
  'اعتبار تا': 'Valid to', 'کدها': 'Codes', 'دستهٔ تازه': 'New batch', 'مبلغ ثابت': 'Fixed amount', 'درصد': 'Percent',
  'مقدار (ریال یا درصد)': 'Value (IRR or percent)', 'تعداد کد': 'Number of codes', 'ساختن کدها': 'Make the codes', 'جوایز': 'Rewards',
  'جایزه': 'Reward', 'امتیاز لازم': 'Points needed', 'موجودی': 'Stock', 'جایزهٔ تازه': 'New reward', 'موجودی (خالی: نامحدود)': 'Stock (empty: unlimited)',
  'افزودن جایزه': 'Add the reward', 'صف تیکت‌ها': 'Ticket queue', 'وضعیت': 'Status', 'باز (همه جز حل‌شده و بسته)': 'Open (all but resolved and closed)',
  'ثبت شده': 'Filed', 'دیده شده': 'Acknowledged', 'در حال رسیدگی': 'In progress', 'منتظر مشتری': 'Waiting on the customer', 'حل شده': 'Resolved',
  'بسته': 'Closed', 'برای دیدن و پاسخ دادن، تیکت را انتخاب کنید': 'Choose a ticket to read and answer it', 'شماره': 'Number', 'عنوان': 'Subject',
  'موضوع': 'Category', 'مهلت': 'Due', 'مشتری': 'Customer', 'پاسخ': 'Reply', 'پاسخ به مشتری (پیامک می‌شود)': 'To the customer (texted a notice)',
  'یادداشت داخلی': 'Internal note', 'ارسال پاسخ': 'Send', 'تغییر وضعیت': 'Change the status',
  'منتظر مشتری (ساعت مهلت می‌ایستد)': 'Waiting on the customer (the SLA clock stops)', 'ثبت وضعیت': 'Set status', 'کارها': 'Tasks', 'کار': 'Task',
  'مسئول': 'Assignee', 'انجام': 'Done', 'پیامک‌ها': 'Text messages', 'پیامک‌های یک شماره': 'A number\'s texts', 'نمایش': 'Show',
  'نظرسنجی‌ها': 'Surveys', 'فایل‌های مسیر': 'Route files',
  'یکپارچه‌سازی‌ها در این فایل‌ها تعریف می‌شوند و بدون توقف کارگزار ویرایش می‌شوند؛ ویرایشی که درست نباشد پذیرفته نمی‌شود و مسیر قبلی به کار خود ادامه می‌دهد.':
    'The integrations are defined in these files and edited while the server runs; an edit that is not right is refused and the running routes stay.',
  'فایل': 'File', 'صاحب': 'Owner', 'مسیرها': 'Routes', 'آخرین خطا': 'Last error', 'متن فایل': 'The file', 'ذخیره و اعمال': 'Save and apply',
  'اشتراک‌ها': 'Subscriptions', 'اشتراک': 'Subscription', 'رویدادها': 'Events', 'عقب‌ماندگی': 'Lag', 'پارک‌شده': 'Parked',
  'تحویل‌های پارک‌شده': 'Parked deliveries', 'رویداد': 'Event', 'تلاش‌ها': 'Attempts', 'اقدام': 'Action', 'رویدادها، زنده': 'Events, live',
  'شروع نمایش زنده': 'Start the live view', 'توقف نمایش زنده': 'Stop the live view', 'کلیدهای API': 'API keys', 'دسترسی‌ها': 'Scopes',
  'ساخته شده': 'Created', 'کلید تازه': 'New key', 'دسترسی‌ها (با ویرگول جدا کنید: club, crm, shop, pos, admin)':
    'Scopes (comma-separated: club, crm, shop, pos, admin)', 'ساختن کلید': 'Make the key', 'شعبه‌ها و صندوق‌ها': 'Branches and registers',
  'تنظیمات و نشان تجاری': 'Settings and branding', 'نام، رنگ، نشان و بنرهایی که اعضا در پنل خود می‌بینند.':
    'The name, colour, logo and banners members see in their panel.', 'نام سازمان یا باشگاه': 'Organisation or club name',
  'رنگ اصلی (متن سفید باید روی آن خوانا باشد)': 'Main colour (white text must read on it)',
  'نشان (PNG، JPEG یا WebP، حداکثر ۲۰۰ کیلوبایت)': 'Logo (PNG, JPEG or WebP, up to 200 KB)', 'نمایش مبلغ‌های ریالی': 'Show IRR amounts as',
  'ریال': 'rial', 'تومان': 'toman', 'بنرهای پنل اعضا': 'Banners in the member panel', 'عنوان بنر ۱': 'Banner 1 title', 'متن بنر ۱': 'Banner 1 text',
  'عنوان بنر ۲': 'Banner 2 title', 'متن بنر ۲': 'Banner 2 text', 'عنوان بنر ۳': 'Banner 3 title', 'متن بنر ۳': 'Banner 3 text', 'ذخیره': 'Save',
  'کیف پول': 'Wallet', 'کدهای تخفیف': 'Vouchers', 'تیکت‌های عضو': 'Their tickets', 'پیامک‌های عضو': 'Their texts', 'سرگذشت': 'Timeline',
  'تیکتی نیست.': 'No tickets.', 'پیامی نیست.': 'No texts.', 'رویدادی ثبت نشده است.': 'Nothing recorded yet.',
  'افزونه‌ها': 'Plugins', 'افزونه': 'Plugin', 'بستهٔ OSGi': 'OSGi bundle', 'نسخه': 'Version',
  'محاسبهٔ دوبارهٔ ارقام باشگاه': 'Compute the club figures again', 'بخش‌ها': 'Sections', 'بخشی از نام یا نام خانوادگی': 'Part of a first or last name', 'نشان کنونی': 'Current logo',
  // messages and values
  'تلاش‌های زیادی شد؛ یک دقیقه بعد دوباره امتحان کنید.': 'Too many attempts; try again in a minute.',
  'این کاربر به کنسول دسترسی ندارد.': 'This user has no access to the console.', 'نام کاربری یا گذرواژه درست نیست.': 'Wrong user name or password.',
  'جستجو انجام نشد ({0}).': 'The search failed ({0}).', 'عضوی با این نام پیدا نشد.': 'No member by this name.', '{0} عضو': '{0} members',
  'کسب': 'Earned', 'خرج': 'Spent', 'اصلاح': 'Adjusted', 'انقضا': 'Expired', 'برگشت': 'Reversed', 'برگشت خرج': 'Spend reversed', 'آزاد شدن': 'Released',
  ' (به دست کارکنان)': ' (set by hand)', 'ثبت نشد: {0}': 'Not done: {0}', 'امتیاز باید عددی صحیح و غیر صفر باشد.': 'Points must be a whole number, not zero.',
  'امتیاز اصلاح شد.': 'Points adjusted.', 'سطح ثبت شد.': 'Tier set.', 'شکایت': 'Complaint', 'پرسش': 'Question', 'پیشنهاد': 'Suggestion',
  'گارانتی': 'Warranty', 'متوقف یا تمام': 'Stopped or done', '{0} ساعت مانده': '{0} h left', '{0} ساعت گذشته (دیر شده)': '{0} h past (overdue)',
  'فهرست تیکت‌ها نیامد: {0}': 'The tickets did not load: {0}', 'تیکتی در این وضعیت نیست.': 'No tickets in this status.',
  'تیکت {0} — {1}': 'Ticket {0} — {1}', 'یادداشت داخلی: ': 'Internal note: ', 'پاسخ ثبت شد.': 'Reply recorded.', 'وضعیت ثبت شد.': 'Status set.',
  'در حال اجرا': 'Running', 'رد شده': 'Rejected', 'حذف شده': 'Deleted', 'فهرست مسیرها نیامد: {0}': 'The route files did not load: {0}',
  ' (بازنویسی شده)': ' (overridden)', 'اپراتور': 'Operator', 'ذخیره شد؛ مسیرهای فایل در حال اجرا هستند.': 'Saved; the file\'s routes are running.',
  'این ویرایش پذیرفته نشد؛ نسخهٔ قبلی همچنان در حال اجراست.': 'This edit was refused; the previous version is still running.',
  'مرد': 'Male', 'زن': 'Female', 'دیگر': 'Other', 'نامشخص': 'Unknown', 'بی‌سطح': 'No tier', 'قهرمانان': 'Champions', 'وفادار': 'Loyal',
  'وفادار آینده': 'Potential loyalists', 'تازه': 'New', 'امیدبخش': 'Promising', 'نیازمند توجه': 'Need attention', 'در آستانهٔ خواب': 'About to sleep',
  'نباید از دست برود': 'Cannot lose', 'در خطر': 'At risk', 'خفته': 'Hibernating', 'از دست رفته': 'Lost', 'جدول ارقام': 'The figures as a table',
  'ترک باشگاه': 'Left', 'فروش‌ها': 'Sales', 'به اعضا': 'To members', 'باز': 'Open', 'دیرشده': 'Overdue',
  '{0} گزارش در دسترس این کاربر نیست. ': '{0} reports are not open to this user. ', 'ارقام باشگاه تا {0}؛ ': 'Club figures as of {0}; ',
  'به‌روز شد در {0} میلی‌ثانیه.': 'updated in {0} ms.', 'نسخهٔ {0}، {1} — {2}': 'Version {0}, {1} — {2}', 'دریافت CSV': 'Download CSV',
  'دریافت کدهای {0} به صورت CSV': 'Download the codes of {0} as CSV', 'مبلغ': 'Amount', ' (غیرفعال)': ' (inactive)', 'نامحدود': 'Unlimited',
  'کدها نیامد: {0}': 'The codes did not load: {0}', '{0} کد دریافت شد.': '{0} codes downloaded.', 'متن JSON درست نیست: {0}': 'The JSON is not valid: {0}',
  'قواعد تازه از همین حالا اعمال می‌شوند.': 'The new rules are in force now.', 'پذیرفته نشد؛ قواعد قبلی برقرار است. {0}': 'Refused; the rules in force stay. {0}',
  'محاسبه نشد: {0}': 'Not computed: {0}', '{0} امتیاز': '{0} points', 'دسته ساخته شد.': 'Batch made.', 'ساخته نشد: {0}': 'Not made: {0}',
  'جایزه افزوده شد.': 'Reward added.', 'افزوده نشد: {0}': 'Not added: {0}', 'انتقال رویدادها: {0}، آخرین رویداد {1}': 'Event transport: {0}, last event {1}',
  'متوقف': 'Stopped', ' (منتظر {0})': ' (waiting for {0})', 'در صف تلاش دوباره': 'Queued for retry', 'تلاش دوباره': 'Retry',
  'دوباره تحویل داده می‌شود.': 'It will be delivered again.', 'انجام نشد: {0}': 'Not done: {0}', 'تحویل پارک‌شده‌ای نیست.': 'No parked deliveries.',
  'باطل کردن': 'Revoke', 'باطل کردن کلید {0}': 'Revoke the key {0}', 'کلید {0} همین حالا باطل شود؟': 'Revoke the key {0} now?', 'کلید باطل شد.': 'Key revoked.',
  'باطل نشد: {0}': 'Not revoked: {0}', 'باطل شده': 'Revoked', 'فعال': 'Active', '{0} — صندوق‌ها: {1}': '{0} — registers: {1}', 'هیچ': 'none',
  'کلید ساخته شد؛ رمز آن فقط همین یک بار نشان داده می‌شود:': 'Key made; its secret is shown this once only:',
  'ذخیره شد؛ پنل اعضا از همین حالا با این نشان دیده می‌شود.': 'Saved; the member panel shows this branding from now on.', 'ذخیره نشد: {0}': 'Not saved: {0}',
  'انجام شد': 'Done', 'تأیید شد': 'Verified', 'رد شد': 'Rejected', 'پاسخ نداد': 'No answer', 'نتیجهٔ {0}': 'Outcome of {0}', 'ثبت': 'Record',
  'ثبت نتیجهٔ {0}': 'Record the outcome of {0}', 'کار انجام شد.': 'Task done.', 'کار بازی نیست.': 'No open tasks.', 'در صف': 'Queued',
  'فرستاده': 'Sent', 'رسیده': 'Delivered', 'ناموفق': 'Failed', 'فرستاده نشد': 'Skipped', 'دریافتی': 'Received', 'ارسالی': 'Sent out',
  'درگاه: {0} · {1}': 'Gateway: {0} · {1}', 'نیامد: {0}': 'Did not load: {0}', '(کد ورود؛ نشان داده نمی‌شود)': '(a sign-in code; not shown)',
  '{0} پاسخ از {1} دعوت': '{0} answers of {1} invitations', ' (میانگین {0})': ' (mean {0})', 'به‌روز شد': 'updated',
};

let language = localStorage.getItem('vafa.console.lang') === 'en' ? 'en' : 'fa';

export const lang = () => language;

/** The text in the language in use; {0}, {1}… replaced by the values. */
export function tr(fa, ...values) {
  const text = language === 'en' ? en[fa] ?? fa : fa;
  return text.replace(/\{(\d)\}/g, (m, i) => String(values[Number(i)] ?? ''));
}

// the page's own texts and labels, found before any script writes into the page: names and other data a script shows
// later are never taken for words to translate (a member named «اعضا» stays so)
const texts = [];
const labelled = [];
{
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (/[\u0600-\u06FF]/.test(node.nodeValue)) texts.push({ node, fa: node.nodeValue });
  }
  for (const element of document.querySelectorAll('[placeholder], [aria-label], [alt]')) {
    for (const attribute of ['placeholder', 'aria-label', 'alt']) {
      const fa = element.getAttribute(attribute);
      if (fa && /[\u0600-\u06FF]/.test(fa)) labelled.push({ element, attribute, fa });
    }
  }
}

/** Puts the page's own texts in the language in use, and its direction; what scripts show is shown again by them. */
export function translatePage() {
  document.documentElement.lang = language;
  document.documentElement.dir = language === 'fa' ? 'rtl' : 'ltr';
  for (const { node, fa } of texts) {
    const trimmed = fa.trim();
    node.nodeValue = language === 'en' && en[trimmed] ? fa.replace(trimmed, en[trimmed]) : fa;
  }
  for (const { element, attribute, fa } of labelled) element.setAttribute(attribute, language === 'en' ? en[fa] ?? fa : fa);
  document.title = tr('وفا — کنسول باشگاه');
}

export function switchLanguage() {
  language = language === 'fa' ? 'en' : 'fa';
  localStorage.setItem('vafa.console.lang', language);
  translatePage();
}
