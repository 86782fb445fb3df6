سلام ${firstName}
