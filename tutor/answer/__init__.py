"""Ask the policy: answer staff questions from the shipped policy texts, offline.

Imports only the standard library, yaml and `tutor.content`.
"""

from tutor.answer.answerer import Answer, Answerer, Cited

__all__ = ["Answer", "Answerer", "Cited"]
