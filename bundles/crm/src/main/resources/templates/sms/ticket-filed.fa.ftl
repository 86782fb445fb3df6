تیکت ${data.number} (${data.category}، اولویت ${data.priority}): ${data.subject}
