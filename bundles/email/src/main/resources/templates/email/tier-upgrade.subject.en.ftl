${member.firstName}, your club tier is now ${data.to}
