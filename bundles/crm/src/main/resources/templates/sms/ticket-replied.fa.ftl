${member.firstName} عزیز، به تیکت ${data.number} شما پاسخ داده شد.
