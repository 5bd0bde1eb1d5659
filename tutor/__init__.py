"""tutor: a chat-style trainer for school-district Acceptable Use Policies."""

__version__ = "0.1.0"
