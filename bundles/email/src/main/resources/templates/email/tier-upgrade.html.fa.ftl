<!DOCTYPE html>
<html lang="fa" dir="rtl">
<head><meta charset="utf-8"><title>ارتقای سطح</title></head>
<body style="direction: rtl; text-align: right; font-family: Tahoma, 'Vazirmatn', sans-serif">
  <h2>${member.firstName} عزیز، تبریک!</h2>
  <p>سطح عضویت شما در باشگاه از <b>${data.from!"-"}</b> به <b>${data.to}</b> ارتقا یافت.</p>
  <p>امتیاز قابل استفاده: ${member.pointsAvailable}</p>
</body>
</html>
