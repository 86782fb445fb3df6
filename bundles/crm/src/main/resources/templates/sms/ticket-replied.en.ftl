Dear ${member.firstName}, your ticket ${data.number} has an answer.
