Hello ${firstName}
