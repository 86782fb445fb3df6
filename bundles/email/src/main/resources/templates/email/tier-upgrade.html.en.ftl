<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Tier upgrade</title></head>
<body><h2>Congratulations, ${member.firstName}!</h2>
<p>Your club tier went up from <b>${data.from!"-"}</b> to <b>${data.to}</b>.</p>
<p>Points to spend: ${member.pointsAvailable}</p></body></html>
