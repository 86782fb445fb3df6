${member.firstName} عزیز، سطح شما در باشگاه ${data.to} شد
