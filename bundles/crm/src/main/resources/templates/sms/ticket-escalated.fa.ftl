ارجاع تیکت ${data.number} (${data.category}) به شما: ${data.subject} — در زمان مقرر پاسخ داده نشد
