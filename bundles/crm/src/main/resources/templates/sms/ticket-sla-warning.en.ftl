SLA warning: ${data.minutesLeft} minutes left on ticket ${data.number} (${data.subject}).
