"""Parquet through pyarrow: typed columns, written a row group at a time."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import BinaryIO

from ..errors import ExportError
from .layout import Column

ROW_GROUP = 50_000  # rows held in memory at once; pandas and R read any row-group size


def _arrow_type(column: Column):
    import pyarrow as pa

    return {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}[column.kind]


def write_parquet(rows: Iterable[dict], columns: list[Column], sink: str | BinaryIO, metadata: dict[str, str]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([pa.field(c.name, _arrow_type(c)) for c in columns], metadata=metadata)
    rows = iter(rows)
    count = 0
    with pq.ParquetWriter(sink, schema) as writer:
        while batch := list(islice(rows, ROW_GROUP)):
            arrays = [_array([row.get(c.name) for row in batch], c, schema.field(c.name).type) for c in columns]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            count += len(batch)
        if count == 0:  # an empty export is still a file with the layout's typed columns
            writer.write_table(schema.empty_table())
    return count


def _array(values: list, column: Column, arrow_type):
    import pyarrow as pa

    try:
        return pa.array(values, type=arrow_type)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as problem:
        raise ExportError(f"column {column.name!r} holds a value that is not {column.kind} ({problem}); "
                          "export as csv or jsonl, and report it: the layout declares the wrong type") from None
