"""The plain-text front end (`tutor --plain`): for screen readers, braille displays and plain SSH sessions."""
