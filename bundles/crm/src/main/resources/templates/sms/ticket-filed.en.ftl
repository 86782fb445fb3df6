Ticket ${data.number} (${data.category}, ${data.priority} priority): ${data.subject}
