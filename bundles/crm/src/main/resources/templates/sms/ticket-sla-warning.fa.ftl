هشدار مهلت: ${data.minutesLeft} دقیقه تا مهلت تیکت ${data.number} (${data.subject}) مانده است.
