Welcome to the club, ${member.firstName}! Your card number is ${member.cards[0]}.
