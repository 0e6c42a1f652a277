"""Each reader on good input, and every kind of bad input named in a clear error."""

import json


from geopivot import errors
from geopivot.ingest import Record, iter_records

LIMIT = 1_000_000


def read(*paths, limit=LIMIT):
    return list(iter_records(paths, limit))


def only(items):
    assert len(items) == 1, items
    return items[0]


def make_text_pdf(path, lines, encrypt_with=None):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in lines:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_title("Gondor and the North")
    pdf.set_author("Hirgon Vale")
    if encrypt_with:
        pdf.set_encryption(owner_password="owner", user_password=encrypt_with)
    pdf.output(str(path))


def test_html_article_through_trafilatura(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Arnor expels envoy | Anduin Wire</title>"
        '<meta name="author" content="Ioreth Hale"><meta property="og:site_name" content="Anduin Wire">'
        '<meta property="article:published_time" content="2023-08-03T09:15:00+00:00"></head><body>'
        "<nav>Home | World</nav><article><h1>Arnor expels envoy</h1>"
        + "".join(f"<p>Arnor expelled the Gondorian envoy on Tuesday, paragraph {i} of the story.</p>" for i in range(6))
        + "</article><footer>Copyright</footer></body></html>"
    )
    record = only(read(page))
    assert isinstance(record, Record)
    assert "Arnor expelled the Gondorian envoy" in record.text and "Copyright" not in record.text
    assert record.meta.published.startswith("2023-08-03") and record.meta.authors == ("Ioreth Hale",)
    assert record.meta.source == "Anduin Wire"


def test_pdf_text_and_document_info(tmp_path):
    pdf = tmp_path / "brief.pdf"
    make_text_pdf(pdf, ["Gondor and the North", "12 Sep 2023", "",
                        "Gondor signed a grain agreement with Arnor on Monday in Osgiliath."])
    record = only(read(pdf))
    assert isinstance(record, Record), record
    assert "Gondor signed a grain agreement with Arnor" in record.text
    assert record.meta.title == "Gondor and the North" and record.meta.authors == ("Hirgon Vale",)
    assert record.meta.published == "2023-09-12"


def test_jsonl_rows_with_metadata_columns(tmp_path):
    rows = [{"id": "w1", "date": "2023-08-03", "text": "Arnor expels the Gondorian envoy.", "sources": ["Anduin Wire"],
             "topics": ["Arnor–Gondor relations"]},
            {"ID": "w2", "Date": "2023-08-04", "Body": "Gondor recalls its ambassador."}]
    path = tmp_path / "stream.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    first, second = read(path)
    assert first.meta.published == "2023-08-03" and first.meta.source == "Anduin Wire"
    assert first.meta.identifier("id") == "w1" and first.meta.origin == f"{path}:1"
    assert ("topics", '["Arnor–Gondor relations"]') in first.meta.extra
    assert second.text == "Gondor recalls its ambassador." and second.meta.identifier("id") == "w2"


def test_csv_rows_with_a_long_quoted_field(tmp_path):
    path = tmp_path / "news.csv"
    long_text = "Arnor and Gondor, after long talks, agreed to reopen the road. " * 3000  # > csv default limit
    path.write_text('url,date,title,text\nhttps://example.org/a,2020-01-02,"Road, reopened","' + long_text + '"\n')
    record = only(read(path))
    assert record.meta.identifier("url") == "https://example.org/a" and record.meta.title == "Road, reopened"
    assert len(record.text) == len(long_text.strip())


# ---- bad input: each gets an error naming the input and saying what to do ----------------------

def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n\n")
    error = only(read(tmp_path / "empty.txt"))
    assert isinstance(error, errors.EmptyInputError) and "empty.txt" in str(error) and "Remove it" in str(error)


def test_binary_file(tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    error = only(read(tmp_path / "photo.txt"))
    assert isinstance(error, errors.BinaryInputError) and "photo.txt" in str(error) and "convert" in str(error)


def test_unknown_extension(tmp_path):
    (tmp_path / "report.docx").write_text("Arnor")
    error = only(read(tmp_path / "report.docx"))
    assert isinstance(error, errors.UnsupportedFormatError) and "'.docx'" in str(error) and ".jsonl" in str(error)


def test_broken_html(tmp_path):
    (tmp_path / "broken.html").write_text("<html><body><div><script>var x = '<p>'</script></div")
    error = only(read(tmp_path / "broken.html"))
    assert isinstance(error, errors.NoTextError) and "broken.html" in str(error) and ".txt" in str(error)


def test_encrypted_pdf(tmp_path):
    make_text_pdf(tmp_path / "locked.pdf", ["Arnor signed a treaty with Gondor."], encrypt_with="secret")
    error = only(read(tmp_path / "locked.pdf"))
    assert isinstance(error, errors.EncryptedPdfError) and "qpdf" in str(error)


def test_image_only_pdf(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(tmp_path / "scan.pdf", "wb") as handle:
        writer.write(handle)
    error = only(read(tmp_path / "scan.pdf"))
    assert isinstance(error, errors.NoTextError) and "OCR" in str(error)


def test_invalid_utf8(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("Gondor signed a treaty in Osgiliath, said the minist\xe8re.".encode("latin-1"))
    error = only(read(tmp_path / "latin1.txt"))
    assert isinstance(error, errors.EncodingError) and "iconv" in str(error) and "latin1.txt" in str(error)


def test_ten_megabyte_single_line(tmp_path):
    (tmp_path / "huge.txt").write_text("Arnor " * (10 * 1024 * 1024 // 6))
    error = only(read(tmp_path / "huge.txt"))
    assert isinstance(error, errors.TooLargeError) and "Split it" in str(error)


def test_malformed_jsonl_rows_are_skipped_and_the_rest_read(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"text": "Arnor expels envoy."}\n{"text": "unterminated\n[1, 2]\n{"title": "no text"}\n'
                    '{"text": "Gondor recalls envoy."}\n')
    items = read(path)
    assert [type(i).__name__ for i in items] == [
        "Record", "MalformedRecordError", "MalformedRecordError", "MalformedRecordError", "Record"]
    assert f"{path}:2" in str(items[1]) and "not valid JSON" in str(items[1])
    assert "not an object" in str(items[2])
    assert "found columns: title" in str(items[3])


def test_missing_path_and_hidden_files(tmp_path):
    (tmp_path / ".hidden.txt").write_text("Arnor")
    assert read(tmp_path) == []
    error = only(read(tmp_path / "nope.txt"))
    assert "does not exist" in str(error)


def test_language_guess_needs_evidence_and_spots_french():
    from geopivot.ingest.language import guess_language

    assert guess_language("Militants ambush soldiers in Gourma Province, killing 13 soldiers.") == "en"
    french = ("Le gouvernement du Niger a annoncé la fin de la coopération militaire avec la France, "
              "selon un communiqué lu à la télévision nationale par le porte-parole de la junte.")
    assert guess_language(french) == "fr"
    assert guess_language("Gondor said that the army of Arnor had left the city by the river.") == "en"


def test_gzip_compressed_jsonl_is_read_like_the_plain_file(tmp_path):
    import gzip
    import json

    from geopivot.ingest import iter_records

    rows = [{"text": "Gondor expelled the Arnorian ambassador.", "date": "2024-03-25"}]
    (tmp_path / "wire.jsonl.gz").write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode()))
    (tmp_path / "broken.jsonl.gz").write_bytes(b"not gzip at all")
    found = list(iter_records([tmp_path], 100_000))
    texts = [r.text for r in found if not isinstance(r, Exception)]
    errors = [r for r in found if isinstance(r, Exception)]
    assert texts == [rows[0]["text"]]
    assert len(errors) == 1 and "broken.jsonl.gz" in str(errors[0]) and "gzip" in str(errors[0])
