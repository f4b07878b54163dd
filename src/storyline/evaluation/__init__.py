"""``storyline eval``: score the pipeline against gold sets, one module per task.

Every evaluator returns a flat ``dict`` of figures (fractions in 0..1) under the key names of
DESIGN.md ("Evaluation output"), plus whatever detail helps (per type, per category).
"""
