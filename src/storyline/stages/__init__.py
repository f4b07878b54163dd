"""The pipeline's stages, one module or small package each, numbered in the order they run.

Each ends with its :class:`~storyline.stages.stage.Stage`: what it requires, what it sets, and
the function that does it. ``storyline.pipeline.STAGES`` is the list (``storyline stages``
prints it). One stage runs out of its folder's order: the quote tagger's heads (in
``s10_quotes``) run on the model step, right after the parse, a batch of articles at a time.
"""
