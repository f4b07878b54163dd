"""The document contract: the typed records a document carries (:mod:`.records`), the article
it was made from, the typed reasons an input is skipped, the one encoder that writes the JSON,
and the shipped JSON Schema with its validator."""
