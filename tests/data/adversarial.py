"""The adversarial corpus: generated, not stored (the full-size documents are hundreds of MB).

``documents(scale)`` gives ``(name, document)`` pairs: ``str``, ``bytes`` or ``None``, at
``scale`` 1.0 the sizes named below (a 100 MB document, 2,000,000 tiny paragraphs, a 300,000-cell
table, 100,000-deep nesting, a 10 MB line, ...); the tests run a scaled-down copy, the benchmark
(``benches/adversarial.py``) the full one.

``python tests/data/adversarial.py OUT_DIR [SCALE]`` writes them as files (``.txt``, ``.html``,
``.bin``) for ``newsdesk run``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

NEWS = (
    "The minister said the plan would work and that the budget was sound. "
    "According to officials in Lisbon, the rollout begins in May. "
    "\u201cWe are ready for it,\u201d said Jane Smith, a spokeswoman for the ministry. "
)


def _n(x: float, scale: float) -> int:
    return max(1, int(x * scale))


def documents(scale: float = 1.0) -> Iterator[tuple[str, str | bytes | None]]:
    s = scale
    yield "missing", None
    yield "empty", ""
    yield "white_space", " \n\t\r\n " * _n(1000, s)
    yield "nul_bytes", b"\x00" * _n(1_000_000, s)
    yield "invalid_utf8", (b"Caf\xc3 na\xefve \xff\xfe story " + NEWS.encode()) * _n(20_000, s)
    yield "utf16_without_bom", (NEWS * _n(5000, s)).encode("utf-16-le")
    # one file, three encodings: UTF-8, then CP-1252, then Shift-JIS
    yield "mixed_encodings", (
        ("S\u00e3o Paulo \u2014 " + NEWS).encode("utf-8") * _n(3000, s)
        + ("Caf\u00e9 cr\u00e8me na\u00efve. " * 10).encode("cp1252") * _n(3000, s)
        + ("\u65e5\u672c\u8a9e\u306e\u8a18\u4e8b\u3002" * 10).encode("shift_jis") * _n(3000, s)
    )
    yield "binary", bytes((i * 7919 + 13) % 256 for i in range(_n(2_000_000, s)))
    d = _n(100_000, s)
    yield "deep_nesting", "<html><body>" + "<div>" * d + f"<p>{NEWS}</p>" + "</div>" * d + "</body></html>"
    yield "unclosed_tags", "<html><body>" + "<span><b><p>Text of the story, said the minister. " * _n(100_000, s)
    yield "ten_mb_line", ("word " * _n(2_000_000, s)).strip()
    yield "tiny_paragraphs", "Hi.\n\n" * _n(2_000_000, s)
    yield "quote_marks_only", "\u201c\u201d\"'\u00ab\u00bb\u201e" * _n(2_000_000, s)
    yield "unbalanced_quotes", "\u201cThe talks will fail, he said, and \"nobody wants it. " * _n(200_000, s)
    yield "quote_heavy", "\u201cHe said this, she said. " * _n(400_000, s)
    yield "rtl_and_combining", ("\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 e\u0301a\u0308\u202e\u202c " * _n(200_000, s))
    yield "crlf_and_cr", ("Line one of the story.\r\nLine two.\rLine three.\r\n\r\n" * _n(200_000, s))
    yield "names_only", "Joe Biden Kim Jong-un Angela Merkel Lisbon Reuters " * _n(200_000, s)
    yield "huge_script", "<html><head><script>" + "var x = '<p>not text</p>';" * _n(400_000, s) + "</script></head><body><p>" + NEWS + "</p></body></html>"
    yield "emoji_and_zero_width", "\U0001f600\u200b\U0001f44d\u200d\u2764\ufe0f \u200b\u200b" * _n(1_000_000, s)
    yield "only_emoji", "\U0001f600\U0001f44d\U0001f3fd\U0001f1f5\U0001f1f9" * _n(1_000_000, s)
    yield "only_html_entities", "&amp;&lt;&gt;&quot;&#39;&nbsp;&#x201c;&mdash;" * _n(500_000, s)
    rows = _n(30_000, s)
    yield "table_300k_cells", "<html><body><table>" + "".join(
        "<tr>" + "".join(f"<td>cell {r} {c}</td>" for c in range(10)) + "</tr>" for r in range(rows)
    ) + "</table></body></html>"
    yield "news_100mb", ("Plan approved\n\n" + (NEWS + "\n\n") * _n(500_000, s))


def main() -> None:
    out = Path(sys.argv[1])
    scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    out.mkdir(parents=True, exist_ok=True)
    for name, doc in documents(scale):
        if doc is None:
            continue
        if isinstance(doc, str):
            ext = ".html" if doc.lstrip().startswith("<") else ".txt"
            (out / f"{name}{ext}").write_text(doc, encoding="utf-8")
        else:
            (out / f"{name}.txt").write_bytes(doc)


if __name__ == "__main__":
    main()
