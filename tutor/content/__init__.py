"""Content layer: load and validate policies, district profiles, lessons and quizzes."""
