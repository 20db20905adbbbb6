"""`compliance draft`: from a policy's own words to a reviewable policy file.

The pipeline, one module per step: `source` reads text, Markdown or PDF
(`pdf`, through pypdf); `segment` splits it as the source numbers it; `cues`
matches the phrases of the YAML rules; `classify` reads each sentence's
modality, action, actor, persons, counterpart and exceptions; `assemble`
joins lead-ins and sub-items; `evidence` keeps the words and offsets behind
every field; `meta` fills the document's facts; `write` builds the
`PolicyDocument` and its YAML; `summary` prints it for review; `review` is
what `check` says about drafts.
"""

# The modules other packages import: this package's interface (the rest are its internals).
__all__ = ["assemble", "cues", "meta", "review", "segment", "source", "summary", "write"]
