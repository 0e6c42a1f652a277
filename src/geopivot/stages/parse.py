"""The spaCy parse: tokens, dependencies, entities and sentence boundaries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import Document, Sentence


class ParseStage:
    name = "parse"
    requires = frozenset()
    assigns = frozenset({"parse", "sentences"})

    def __init__(self, nlp, batch_size: int = 32):
        self.nlp = nlp
        self.batch_size = batch_size

    def __call__(self, doc: Document) -> Document:
        return _with_parse(doc, self.nlp(doc.text))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        docs = list(docs)
        parsed = self.nlp.pipe((d.text for d in docs), batch_size=self.batch_size)
        for doc, parse in zip(docs, parsed, strict=True):
            yield _with_parse(doc, parse)


def _with_parse(doc: Document, parse) -> Document:
    sentences = tuple(
        Sentence(s.start_char, s.end_char) for s in parse.sents if s.text.strip()
    )
    return doc.assign(parse=parse, sentences=sentences)
