"""The pipeline's stages, one module or small package each, numbered in the order they run.

Each ends with its :class:`~storyline.stages.stage.Stage`: what it requires, what it sets, and
the function that does it. ``storyline.pipeline.STAGES`` is the list (``storyline stages``
prints it).
"""
