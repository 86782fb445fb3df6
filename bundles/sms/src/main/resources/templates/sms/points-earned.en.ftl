<#-- a sale at a register (pos.sale.completed) or points from the club (club.points.earned) -->
${member.firstName}, you earned ${(data.pointsEarned)!data.points} points. Points to spend: ${(data.pointsBalance)!data.balance.available}
