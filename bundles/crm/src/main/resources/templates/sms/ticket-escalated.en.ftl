Ticket ${data.number} (${data.category}) escalated to you: ${data.subject} — not answered in time
