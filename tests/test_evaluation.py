"""The scoring itself, on hand-built codings: every metric can fail."""

from geopivot.evaluation import CodedEvent, EvaluationReport, GoldSentence, normalise_code, score_sentence


def event(type_, actors=(), recipients=(), confidence=1.0, modality=None):
    return CodedEvent(type_, frozenset(actors), frozenset(recipients), modality, confidence)


def score(pairs):
    report = EvaluationReport()
    for i, (gold, predicted) in enumerate(pairs):
        score_sentence(report, GoldSentence(str(i), "text", None, tuple(gold)), list(predicted))
    return report.as_dict()


def test_perfect_coding_scores_one_and_no_spurious_events():
    gold = [event("SANCTION", ["NER"], ["USA"], modality="asserted")]
    data = score([(gold, [event("SANCTION", ["NER"], ["USA"], modality="asserted")])])
    assert data["type_accuracy"] == data["event_f1"] == data["actor_f1"] == data["recipient_f1"] == 1.0
    assert data["spurious_per_sentence"] == 0.0 and data["modality_accuracy"] == 1.0


def test_the_most_confident_event_is_the_main_one():
    gold = [event("SANCTION", ["NER"], ["USA"])]
    predicted = [event("CONSULT", ["NER"], ["USA"], 0.9), event("SANCTION", ["NER"], ["USA"], 0.5)]
    data = score([(gold, predicted)])
    assert data["type_accuracy"] == 0.0 and data["event_recall"] == 1.0 and data["event_precision"] == 0.5
    assert data["spurious_per_sentence"] == 1.0 and data["confusion"] == {"SANCTION": {"CONSULT": 1}}


def test_an_event_with_the_wrong_recipient_does_not_match_but_is_not_spurious():
    data = score([([event("ASSAULT", ["ISR"], ["PSE"])], [event("ASSAULT", ["ISR"], ["LBN"])])])
    assert data["event_f1"] == 0.0 and data["spurious_per_sentence"] == 0.0
    assert data["actor_f1"] == 1.0 and data["recipient_f1"] == 0.0


def test_events_coded_in_a_sentence_without_events_are_spurious():
    data = score([([], [event("PROTEST", ["FRA"])]), ([], [])])
    assert data["spurious_per_sentence"] == 0.5 and data["confusion"]["NONE"] == {"PROTEST": 1, "NONE": 1}


def test_old_cameo_country_codes_compare_as_iso():
    assert normalise_code("JAP") == "JPN" and normalise_code("ROM") == "ROU" and normalise_code("NERGOV") == "NER"


def test_modality_accuracy_is_none_not_zero_when_the_gold_gives_no_modality():
    data = score([([event("SANCTION", ["NER"], ["USA"])], [event("SANCTION", ["NER"], ["USA"], modality="asserted")])])
    assert data["modality_accuracy"] is None
