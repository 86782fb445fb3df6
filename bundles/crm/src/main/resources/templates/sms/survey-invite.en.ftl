Dear ${member.firstName}, thank you for shopping with us. Tell us what you thought in a few seconds: ${data.surveyLink}
