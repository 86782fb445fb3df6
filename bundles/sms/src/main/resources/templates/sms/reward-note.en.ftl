<#-- points that became a reward note by themselves (club.note.issued) -->
${member.firstName}, your points became a ${data.currency} ${data.value} reward. Code: ${data.code}
