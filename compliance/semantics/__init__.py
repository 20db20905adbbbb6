"""What clauses and provisions cover under a reading: shared by both evaluators."""
