"""Questions asked of evaluated documents: verdicts, explanations, what goes beyond the law."""
