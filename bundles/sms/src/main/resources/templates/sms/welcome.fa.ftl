${member.firstName} عزیز، به باشگاه مشتریان خوش آمدید. شماره کارت شما: ${member.cards[0]}
