from hypothesis import given
from hypothesis import strategies as st

from geopivot.ids import document_id, event_id, mention_id


@given(st.text(min_size=1), st.sampled_from([" ", "\n", "\t ", "  \n\n"]))
def test_document_id_ignores_whitespace_layout(text, space):
    assert document_id(text) == document_id(space + text.replace(" ", space) + space)


def test_document_id_changes_with_content():
    assert document_id("Arnor expelled envoys.") != document_id("Gondor expelled envoys.")


def test_mention_and_event_ids_are_stable_and_distinct():
    assert mention_id("d1", "actor", 0, 5) == mention_id("d1", "actor", 0, 5)
    assert mention_id("d1", "actor", 0, 5) != mention_id("d1", "actor", 0, 6)
    a = event_id("d1", "SANCTION", 3, 9, ["ARN"], ["GON"])
    assert a == event_id("d1", "SANCTION", 3, 9, ["ARN"], ["GON"])
    assert a != event_id("d1", "SANCTION", 3, 9, ["GON"], ["ARN"])
