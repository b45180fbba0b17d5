"""Highlight spans over an article's text, as a flat list of tokens a template renders.

Facts overlap (a name inside a quote, a quote across a highlighted sentence), while HTML
elements must nest. ``nest`` splits a span that crosses an enclosing one, so the tokens always
open and close in order; every ``text`` token is raw article text for the template to escape.
A link never sits inside another link: the inner one becomes a plain ``span``.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field, replace

# Which layer wraps which when two spans start together and end together.
RANK = {"hl": 0, "quote": 1, "claim": 2, "event": 3, "mention": 4, "time": 5}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # a key of RANK; templates map it to a CSS class
    href: str | None = None  # always a path of our own routes, built by the caller
    title: str | None = None  # a tooltip (escaped by the template like all text)
    label: str | None = None  # e.g. the entity type, for a finer CSS class
    first: bool = True  # False on the pieces after a split (only the first piece gets an id)

    def sort_key(self) -> tuple:
        return (self.start, -self.end, RANK.get(self.kind, 9))


@dataclass
class Token:
    op: str  # "text", "open" or "close"
    text: str = ""
    span: Span | None = None
    tag: str = "span"  # "a", "mark" or "span"
    extra: dict = field(default_factory=dict)


def nest(text: str, spans: list[Span]) -> list[Token]:
    """Tokens for ``text`` with ``spans`` opened and closed in a valid nesting."""
    heap = [(s.sort_key(), i, s) for i, s in enumerate(_valid(text, spans))]
    heapq.heapify(heap)
    tokens: list[Token] = []
    stack: list[tuple[Span, str]] = []
    position, counter = 0, len(heap)
    while heap:
        _, _, span = heapq.heappop(heap)
        position = _close_until(text, tokens, stack, position, span.start)
        if stack and span.end > stack[-1][0].end:  # crosses the enclosing span: split it
            rest = replace(span, start=stack[-1][0].end, first=False)
            heapq.heappush(heap, (rest.sort_key(), counter, rest))
            counter += 1
            span = replace(span, end=stack[-1][0].end)
        position = _emit_text(text, tokens, position, span.start)
        tag = _tag_for(span, inside_link=any(t == "a" for _, t in stack))
        tokens.append(Token("open", span=span, tag=tag))
        stack.append((span, tag))
    position = _close_until(text, tokens, stack, position, len(text) + 1)
    _emit_text(text, tokens, position, len(text))
    return tokens


def _valid(text: str, spans: list[Span]) -> list[Span]:
    """Spans inside the text, non-empty, clamped; bad offsets are dropped, not trusted."""
    kept = []
    for span in spans:
        start, end = max(0, span.start), min(len(text), span.end)
        if start < end:
            kept.append(replace(span, start=start, end=end))
    return kept


def _close_until(text: str, tokens: list[Token], stack: list, position: int, limit: int) -> int:
    """Close every open span ending at or before ``limit``; returns the new text position."""
    while stack and stack[-1][0].end <= limit:
        span, tag = stack.pop()
        position = _emit_text(text, tokens, position, span.end)
        tokens.append(Token("close", span=span, tag=tag))
    return position


def _emit_text(text: str, tokens: list[Token], position: int, until: int) -> int:
    if until > position:
        tokens.append(Token("text", text=text[position:until]))
        return until
    return position


def _tag_for(span: Span, inside_link: bool) -> str:
    if span.kind == "hl":
        return "mark"
    return "a" if span.href and not inside_link else "span"


def plain_text(tokens: list[Token]) -> str:
    """The text the tokens carry, in order (equals the article text: a check for tests)."""
    return "".join(t.text for t in tokens if t.op == "text")
