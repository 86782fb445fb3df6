<#-- a sale at a register (pos.sale.completed) or points from the club (club.points.earned) -->
${member.firstName} عزیز، ${(data.pointsEarned)!data.points} امتیاز گرفتید. امتیاز قابل استفاده: ${(data.pointsBalance)!data.balance.available}
