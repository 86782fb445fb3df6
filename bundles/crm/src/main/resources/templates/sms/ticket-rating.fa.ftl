${member.firstName} عزیز، تیکت ${data.number} شما بسته شد. از پاسخ ما راضی بودید؟ ${data.ratingLink}
