"""Type stubs for the native module newsdesk._core (Rust, PyO3)."""

from collections.abc import Sequence
from typing import Any, final

__version__: str
__all__ = [
    "ArrowTable",
    "MinHashIndex",
    "__version__",
    "analyze_one",
    "analyze_tables",
    "articles_table",
    "claims_table",
    "clean_text",
    "clean_texts",
    "entities_table",
    "extract_one",
    "set_thread_count",
    "table_to_pylist",
    "thread_count",
]

@final
class ArrowTable:
    """An Arrow table from the core; ``pl.DataFrame(table)`` imports it without copying."""

    @property
    def num_rows(self) -> int: ...
    @property
    def column_names(self) -> list[str]: ...
    def __len__(self) -> int: ...
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...

def articles_table(
    contents: Sequence[str | bytes | None],
    *,
    urls: Sequence[str | None] | None = None,
    titles: Sequence[str | None] | None = None,
    dates: Sequence[str | None] | None = None,
    charsets: Sequence[str | None] | None = None,
    doc_ids: Sequence[int] | None = None,
    language: str | None = None,
    day_first: bool | None = None,
    as_of_us: int | None = None,
) -> ArrowTable: ...
def analyze_tables(
    contents: Sequence[str | bytes | None],
    *,
    urls: Sequence[str | None] | None = None,
    titles: Sequence[str | None] | None = None,
    dates: Sequence[str | None] | None = None,
    charsets: Sequence[str | None] | None = None,
    doc_ids: Sequence[int] | None = None,
    language: str | None = None,
    day_first: bool | None = None,
    as_of_us: int | None = None,
    entities: bool = True,
    claims: bool = True,
) -> tuple[ArrowTable, ArrowTable | None, ArrowTable | None]: ...
def analyze_one(
    content: str | bytes | None,
    *,
    url: str | None = None,
    title: str | None = None,
    date: str | None = None,
    charset: str | None = None,
    language: str | None = None,
    day_first: bool | None = None,
    as_of_us: int | None = None,
    entities: bool = False,
    claims: bool = False,
) -> dict[str, Any]: ...
def entities_table(
    texts: Sequence[str | None], *, doc_ids: Sequence[int] | None = None, languages: Sequence[str | None] | None = None
) -> ArrowTable: ...
def clean_text(text: str) -> str: ...
def clean_texts(texts: Sequence[str | None]) -> list[str | None]: ...
def thread_count() -> int: ...
def set_thread_count(n: int) -> None: ...
def extract_one(
    content: str | bytes | None,
    *,
    url: str | None = None,
    title: str | None = None,
    date: str | None = None,
    charset: str | None = None,
    language: str | None = None,
    day_first: bool | None = None,
    as_of_us: int | None = None,
) -> dict[str, Any]: ...
def table_to_pylist(table: ArrowTable, drop: Sequence[str] = ...) -> list[dict[str, Any]]: ...

# claims (issue 5)
def claims_table(
    texts: Sequence[str | None],
    *,
    doc_ids: Sequence[int] | None = None,
    entities: bool = True,
    languages: Sequence[str | None] | None = None,
) -> ArrowTable: ...

@final
class MinHashIndex:
    """MinHash signatures accumulated batch by batch (256 bytes per document)."""

    def __init__(self) -> None: ...
    def add(self, texts: Sequence[str | None]) -> None: ...
    def groups(self, threshold: float = 0.5) -> ArrowTable: ...
    @property
    def nbytes(self) -> int: ...
    def __len__(self) -> int: ...
