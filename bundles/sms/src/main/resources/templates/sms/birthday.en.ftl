Happy birthday, ${member.firstName}! ${data.points} gift points are on your club card.
