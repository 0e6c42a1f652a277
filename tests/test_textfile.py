from geopivot.ingest.textfile import parse_text_document

WIRE = """Gondor recalls envoy from Arnor
09:15 AM GMT, August 3, 2023
By Ioreth Hale, Bergil Dunn

OSGILIATH, Gondor recalled its ambassador from Arnor on Tuesday.

The ministry said talks
would resume later.

Source: Anduin Wire"""

BRIEF = """Arnor's Turn East
doi:10.5555/arnor.2024.7

Arnor's Turn East

12 Sep 2023

Bottom Line
  • Arnor has asked Gondorian troops to leave.
  • Rohan may follow.
Body text about the northern kingdom and its allies goes here at some length.

Authors

Hirgon Vale and Beregond Marsh

Published in

Gondor"""


def test_wire_copy_headline_dateline_byline_and_source():
    text, meta = parse_text_document(WIRE, "wire.txt")
    assert meta.title == "Gondor recalls envoy from Arnor"
    assert (meta.published, meta.published_utc, meta.published_precision) == (
        "2023-08-03T09:15+00:00", "2023-08-03T09:15Z", "minute")
    assert meta.authors == ("Ioreth Hale", "Bergil Dunn")
    assert meta.source == "Anduin Wire" and meta.kind == "article"
    assert text.startswith("Gondor recalls envoy from Arnor\n\nOSGILIATH, Gondor recalled")
    assert "The ministry said talks would resume later." in text  # wrapped lines joined
    assert "Source:" not in text and "By Ioreth" not in text


def test_brief_identifier_summary_and_trailer_blocks():
    text, meta = parse_text_document(BRIEF, "brief.txt")
    assert meta.title == "Arnor's Turn East" and text.count("Arnor's Turn East") == 1
    assert meta.identifier("doi") == "10.5555/arnor.2024.7"
    assert meta.published == "2023-09-12" and meta.published_precision == "day"
    assert meta.kind == "policy brief"
    assert meta.summary == ("Arnor has asked Gondorian troops to leave.", "Rohan may follow.")
    assert meta.authors == ("Hirgon Vale", "Beregond Marsh")
    assert ("published_in", "Gondor") in meta.extra
    assert "Authors" not in text and "Published in" not in text
    assert "Arnor has asked Gondorian troops to leave.\n\nRohan may follow." in text


def test_a_text_without_header_keeps_its_first_line_as_title_and_the_rest_as_body():
    text, meta = parse_text_document("Arnor and Gondor signed a treaty on grain exports last spring.", "x.txt")
    assert meta.published is None and meta.title.startswith("Arnor and Gondor")
    assert text == "Arnor and Gondor signed a treaty on grain exports last spring."


def test_seed_documents_give_the_expected_metadata(shared):
    """The metadata rows of ../shared/seeds/EXPECTED.md."""
    seeds = shared / "seeds"
    _, wire = parse_text_document((seeds / "000_961dae66eb02d3a1.txt").read_text(), "000")
    assert wire.title == "Niger cuts security ties with US, leans towards Russian alliance"
    assert wire.published == "2024-03-25T10:44-04:00" and wire.published_utc == "2024-03-25T14:44Z"
    assert wire.source == "PAP"
    _, brief = parse_text_document((seeds / "003_c6b021d3acf23497.txt").read_text(), "003")
    assert brief.title == "Niger's Pivot to Moscow: What's Next for US Engagement in Africa?"
    assert brief.published == "2024-04-05"
    assert brief.identifier("handle") == "20.500.12592/b2rbv89"
    assert brief.authors == ("Raphael Parens", "Christopher Faulkner", "Marcel Plichta")
    assert brief.kind == "policy brief" and len(brief.summary) == 3
    assert brief.summary[0].startswith("The Nigerien junta has called on US military units")
