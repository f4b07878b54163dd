"""The verbs that report speech or writing, and those that report belief: one list for every stage.

The quotes stage takes a speech verb's clausal complement as what was said ("said that ...");
coreference takes the subject of a speech or belief verb as the one who speaks in the clause
under it; modality reads "would" under such a verb as reported future, not a condition.
"""

from __future__ import annotations

__all__ = ["BELIEF_VERBS", "REPORTING_VERBS", "SPEECH_VERBS"]

SPEECH_VERBS = frozenset(
    """
    say tell add claim argue warn note ask write tweet announce explain insist suggest report
    state declare acknowledge admit deny reply respond urge predict stress confirm recall
    conclude reveal describe comment complain caution assert maintain contend emphasize
    emphasise remark observe testify vow pledge promise threaten accuse criticize criticise
    praise allege estimate indicate concede mention propose recommend repeat reiterate
    """.split()
)
BELIEF_VERBS = frozenset({"believe", "think", "hope"})
REPORTING_VERBS = SPEECH_VERBS | BELIEF_VERBS
