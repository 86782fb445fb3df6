<#-- points that became a reward note by themselves (club.note.issued) -->
${member.firstName} عزیز، امتیازهای شما به کارت هدیه ${data.value} ${data.currency} تبدیل شد. کد: ${data.code}
