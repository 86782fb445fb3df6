<!DOCTYPE html>
<html lang="fa" dir="rtl"><head><meta charset="utf-8"></head>
<body style="direction: rtl; text-align: right; font-family: Tahoma, sans-serif">
<p>سطح شما از ${data.from} به ${data.to} رسید.</p>
</body></html>
