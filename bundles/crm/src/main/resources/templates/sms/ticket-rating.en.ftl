Dear ${member.firstName}, your ticket ${data.number} is closed. Were you satisfied with our answer? ${data.ratingLink}
