Your club sign-in code: ${data.code}
Valid for ${data.minutes} minutes. Do not share it.
