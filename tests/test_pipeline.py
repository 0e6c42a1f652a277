from dataclasses import dataclass

import pytest

from geopivot.errors import PipelineError
from geopivot.model import Document, Sentence
from geopivot.pipeline import Pipeline, process_batch


@dataclass
class Splitter:
    name: str = "splitter"
    requires: frozenset = frozenset()
    assigns: frozenset = frozenset({"sentences"})

    def __call__(self, doc):
        return doc.assign(sentences=(Sentence(0, len(doc.text)),))


@dataclass
class Counter:
    name: str = "counter"
    requires: frozenset = frozenset({"sentences"})
    assigns: frozenset = frozenset({"events"})

    def __call__(self, doc):
        if "boom" in doc.text:
            raise ValueError("cannot count boom")
        return doc.assign(events=())


@dataclass
class BatchOnly(Splitter):
    name: str = "batch"
    calls: int = 0

    def pipe(self, docs):
        self.calls += 1
        return [self(d) for d in docs]


def doc(text):
    return Document(id=text, text=text)


def test_pipeline_refuses_a_stage_before_what_it_requires():
    with pytest.raises(PipelineError, match=r"'counter'.*requires \['sentences'\].*place splitter before it"):
        Pipeline([Counter(), Splitter()])


def test_pipeline_refuses_a_requirement_nobody_assigns():
    with pytest.raises(PipelineError, match="add a stage that assigns it"):
        Pipeline([Counter()])


def test_pipeline_reports_what_it_assigns():
    assert Pipeline([Splitter(), Counter()]).assigns == {"sentences", "events"}


def test_stages_return_new_documents_and_leave_the_input_alone():
    original = doc("Arnor")
    result = Pipeline([Splitter(), Counter()])(original)
    assert original.sentences is None and result.sentences == (Sentence(0, 5),)


def test_one_bad_document_fails_alone_and_the_batch_goes_on():
    result = process_batch(Pipeline([Splitter(), Counter()]), [doc("a"), doc("boom"), doc("c")])
    assert [d.text for d in result.documents] == ["a", "c"]
    [failure] = result.failures
    assert failure.stage == "counter" and "cannot count boom" in failure.message
    assert failure.document_id == "boom"


def test_batch_stages_get_the_whole_batch_in_one_call():
    stage = BatchOnly()
    result = process_batch(Pipeline([stage]), [doc("a"), doc("b"), doc("c")])
    assert stage.calls == 1 and len(result.documents) == 3
