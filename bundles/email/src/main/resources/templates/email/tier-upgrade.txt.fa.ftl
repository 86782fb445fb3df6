${member.firstName} عزیز،
تبریک! سطح عضویت شما در باشگاه از ${data.from!"-"} به ${data.to} ارتقا یافت.
امتیاز قابل استفاده: ${member.pointsAvailable}
