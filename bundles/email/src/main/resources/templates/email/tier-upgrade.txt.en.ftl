Congratulations, ${member.firstName}! Your club tier went up from ${data.from!"-"} to ${data.to}.
Points to spend: ${member.pointsAvailable}
