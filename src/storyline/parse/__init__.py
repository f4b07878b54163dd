"""The shared reading of a parsed article: what every stage after the model asks of the text
and the parse, in one place, so that no stage imports another.

- :mod:`~storyline.parse.text`: the parse's text, built once per document;
- :mod:`~storyline.parse.paragraphs`: where a cleaned text's paragraphs are (and the
  sentence start at each, set before the parser);
- :mod:`~storyline.parse.climbs`: climbing the dependency parse, always to an end;
- :mod:`~storyline.parse.datelines`: which words are a dateline's (and the sentence start
  after one, set before the parser);
- :mod:`~storyline.parse.quote_marks`: where each quotation opens and closes;
- :mod:`~storyline.parse.owners`: which entity each token belongs to.
"""
