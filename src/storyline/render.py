"""Terminal rendering for the CLI: tables, article views, progress bars, summaries."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.progress import TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from storyline.query.entities import other_spellings  # noqa: F401  (render.other_spellings)
from storyline.models import Article, Mention, Sentence
from storyline.store import EntitySummary, SearchHit, Store

if TYPE_CHECKING:  # the pipeline imports spaCy; listing commands should not pay for that
    from storyline.pipeline import IngestReport

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)

PROVENANCE_LABEL = {"metadata": "from metadata", "text": "read from the text", "inferred": "inferred"}


@contextmanager
def progress(label: str, quiet: bool = False) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr (only on a terminal); yields ``advance(n)``."""
    columns = (SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    bar = Progress(*columns, console=err, transient=True, disable=quiet or not err.is_terminal)
    with bar:
        task = bar.add_task(label, total=None)
        yield lambda n: bar.advance(task, n)


def report_record(report: IngestReport, store: Store) -> dict:
    return {
        "db": store.target,
        "ingested": report.ingested,
        "duplicates": [{"source": s, "id": i} for s, i in report.duplicates],
        "failed": [{"source": f.source, "error": f.message} for f in report.failures],
        "not_parsed": [{"id": i, "reason": r} for i, r in report.not_parsed],
    }


# Characters that would break a line or can't be printed: controls, line separators, and the
# lone surrogates that stand for undecodable bytes in a file name.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(text: str) -> str:
    """``text`` as one printable line: a newline in a file name becomes ``\\n``, an
    undecodable byte of it ``\\xff``."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return match[0].encode("unicode_escape").decode("ascii")


def print_report(report: IngestReport, store: Store) -> None:
    # Plain one-line echoes: a script greps these, so they must never wrap.
    for failure in report.failures:
        click.secho(f"failed: {one_line(failure.message)}", fg="red", err=True)
    for article_id, reason in report.not_parsed:
        click.echo(f"stored without NLP: {article_id} ({reason})", err=True)
    summary = (
        f"Ingested {len(report.ingested)} article(s) into {store.target}: "
        f"{len(report.duplicates)} duplicate(s) skipped, {len(report.failures)} failed."
    )
    click.secho(summary, bold=True, fg=None if report.ok else "red", err=True)


def print_articles(articles: list[Article], total: int) -> None:
    table = Table(title=f"{len(articles)} of {total} articles", title_justify="left")
    for column in ("id", "published", "outlet", "lang", "title"):
        table.add_column(column, overflow="fold")
    for a in articles:
        title = a.title or _first_words(a.text)
        table.add_row(a.id, a.published or "-", a.outlet or "-", a.language or "-", title)
    out.print(table)


def article_detail(article: Article, sentences: list[Sentence], mentions: list[Mention]) -> dict:
    from storyline.query.export import article_record

    return {
        **article_record(article),
        "sentences": [{"start": s.start, "end": s.end} for s in sentences],
        "mentions": [
            {"start": m.start, "end": m.end, "text": m.text, "label": m.label, "entity": m.entity_id}
            for m in mentions
        ],
    }


def print_article(article: Article, mentions: list[Mention], show_removed: bool = True) -> None:
    out.print(Text(article.title or "(no title)", style="bold"))
    for field in ("published", "outlet", "authors", "url", "language", "source"):
        value = getattr(article, field)
        if value:
            origin = PROVENANCE_LABEL.get(article.provenance.get(field, ""), "")
            shown = ", ".join(value) if isinstance(value, list) else value
            out.print(f"  {field:<10} {shown}" + (f"  [dim]({origin})[/dim]" if origin else ""))
    for key, value in sorted(article.extra.items()):
        out.print(f"  {key:<10} {value}  [dim](read from the text)[/dim]")
    out.print()
    out.print(_highlighted(article.text, mentions))
    _print_names(mentions)
    if show_removed and article.removed:
        out.print(Text(f"\nRemoved while cleaning ({len(article.removed)} lines):", style="bold"))
        for line in article.removed:
            out.print(Text(f"  [{line.reason}] ", style="yellow") + Text(line.text))
    for repair in article.repairs:
        out.print(f"  [repaired {repair.reason}] {repair.original!r} -> {repair.replacement!r}")


def entity_record(summary: EntitySummary) -> dict:
    e = summary.entity
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": e.aliases,
            "mentions": summary.mentions, "articles": summary.articles}


def print_entities(found: list[EntitySummary], with_ids: bool = True, max_aliases: int = 4) -> None:
    table = Table(title=f"{len(found)} entities", title_justify="left")
    columns = ("name", "type", "mentions", "articles", "other spellings") + (("id",) if with_ids else ())
    for column in columns:
        table.add_column(column, overflow="fold")
    for s in found:
        others = other_spellings(s.entity.name, s.entity.aliases)[:max_aliases]
        row = [s.entity.name, s.entity.type, str(s.mentions), str(s.articles), "; ".join(others)]
        table.add_row(*row, *([s.entity.id] if with_ids else []))
    out.print(table)


def print_entity_profile(profile: dict) -> None:
    out.print(Text(f"{profile['name']}  ({profile['type']}, {profile['id']})", style="bold"))
    others = other_spellings(profile["name"], profile["aliases"])
    if others:
        out.print("  also written: " + "; ".join(others))
    for role in profile.get("roles", []):
        when = (f"{role['first']} .. {role['last']}" if role["first"] != role["last"]
                else role["first"]) if role["first"] else "undated"
        office = f"{role['qualifier']} {role['title']}" if role["qualifier"] else role["title"]
        out.print(f"  role: {office}  ({when}; {len(role['articles'])} article(s))")
    out.print(f"  named in {len(profile['articles'])} article(s):")
    for a in profile["articles"]:
        out.print(f"    {a['id']}  {a['published'] or '-':<10}  {a['outlet'] or '-'}  {a['title'] or ''}")
    out.print(f"  {len(profile['mentions'])} mention(s):")
    for m in profile["mentions"]:
        sentence = Text(f"    {m['article']}: ") + Text(m["sentence"])
        offset = len(f"    {m['article']}: ") - m["sentence_start"]
        sentence.stylize("bold cyan", m["start"] + offset, m["end"] + offset)
        out.print(sentence)


def print_timeline(found: dict) -> None:
    if not found["dated"] and not found["undated"]:
        out.print("No events.")
    for heading, events in (("", found["dated"]), ("Undated:", found["undated"])):
        if heading and events:
            click.secho(heading, bold=True)
        for e in events:
            actors = ", ".join(f"{a['name']} ({a['role']})" for a in e["actors"])
            mode = f"/{e['mode']}" if e["mode"] else ""
            click.echo(f"{_event_when(e):<12}  {e['type']}{mode}  {e['modality']}  {actors}"
                       f"  [{len(e['articles'])} source(s)]")
            click.echo(f"    {e['evidence'][0]['sentence']}")


def _event_when(event: dict) -> str:
    """'2031-03-02', '<=2031-03-02' for a day the event happened on or before, '-' undated."""
    if not event["date"]:
        return "-"
    return ("<=" if event.get("date_precision") == "on_or_before" else "") + event["date"]


def print_claims(claims: list[dict]) -> None:
    from storyline.query.ledger import figure_text, source_label

    if not claims:
        out.print("No claims.")
    for c in claims:
        copy = f"  [copy of {c['copy_of'] or c['copy_of_article']}]" if c.get("copy_of_article") else ""
        click.echo(f"{_as_of(c)}  {figure_text(c)} {c['counts']}"
                   f"  — {source_label(c)}  ({c['article']}){copy}")


def _as_of(claim: dict) -> str:
    """'2031-03-02 ' for a date the text gives, '2031-03-02*' for the publication date."""
    mark = "*" if claim.get("as_of_source") == "published" else " "
    return f"{claim['as_of'] or '-':<10}{mark}"


def print_claim_ledger(groups: list[dict]) -> None:
    """Each quantity with its figures over time; copies folded, disagreements flagged."""
    from storyline.query.ledger import figure_text, source_label

    if not groups:
        out.print("No claims.")
    for g in groups:
        click.secho(f"{g['counts']}  ({g['reports']} independent report(s) from "
                    f"{len(g['sources'])} source(s); {g['first'] or '?'} .. {g['last'] or '?'})", bold=True)
        for c in g["claims"]:
            copies = f"  +{len(c['copies'])} cop{'y' if len(c['copies']) == 1 else 'ies'}" if c["copies"] else ""
            copy = f"  [in a copy of {c['copy_of_article']}]" if c.get("copy_of_article") else ""
            click.echo(f"    {_as_of(c)}  {figure_text(c):<16} — {source_label(c)}  ({c['article']}){copies}{copy}")
        for d in g["disagreements"]:
            sides = "; ".join(f"{figure} ({', '.join(sources)})" for figure, sources in d["figures"].items())
            click.secho(f"    sources disagree on {d['as_of']}: {sides}", fg="yellow")
    if groups:
        click.echo("(* as-of date is the article's publication date: the sentence gives none)")


def print_quotes(quotes: list[dict]) -> None:
    """One line per quote; a quote a copy repeats is folded into the original's line."""
    if not quotes:
        out.print("No quotes.")
    repeated = Counter(q["copy_of"] for q in quotes if q.get("copy_of"))
    for q in quotes:
        if q.get("copy_of"):
            continue
        copies = f"  +{repeated[q['id']]} in copies" if repeated[q["id"]] else ""
        copy = f"  [in a copy of {q['copy_of_article']}]" if q.get("copy_of_article") else ""
        click.echo(f"{q['speaker']['name'] or '?'} ({q['cue'] or '-'}): “{q['text']}”  ({q['article']}){copies}{copy}")


def print_stories(stories: list[dict]) -> None:
    if not stories:
        out.print("No stories yet.")
    for s in stories:
        span = f"{s['first'] or '?'} .. {s['last'] or '?'}"
        click.echo(f"{s['id']}  {s['level']:<9}  {len(s['articles'])} article(s), "
                   f"{s['independent_reports']} independent  {span}  {s['title']}")


def print_story(detail: dict) -> None:
    out.print(Text(f"{detail['title']}  ({detail['level']}, {detail['id']})", style="bold"))
    out.print(f"  {detail['first'] or '?'} .. {detail['last'] or '?'}; outlets: "
              f"{', '.join(detail['outlets']) or '-'}; {detail['independent_reports']} independent report(s)")
    for a in detail["article_rows"]:
        copy = f"  (copy of {a['copy_of']})" if a["copy_of"] else ""
        click.echo(f"    {a['id']}  {a['published'] or '-':<10}  {a['outlet'] or '-'}  {a['title'] or ''}{copy}")


def print_copies(groups: list[dict]) -> None:
    if not groups:
        out.print("No copies found.")
    for g in groups:
        others = [a for a in g["articles"] if a != g["canonical"]]
        click.echo(f"{g['id']}: {g['canonical']} (canonical) <- {', '.join(others)}")


def print_framing(report: dict, limit: int = 12) -> None:
    """Each referent named in several ways: every outlet's words with counts, then labels, tone."""
    side = report["side_by_side"]
    if not side:
        out.print("No referent is named in more than one way yet.")
    for referent, outlets in list(side.items())[:limit]:
        out.print(Text(referent, style="bold"))
        for outlet, terms in sorted(outlets.items()):
            words = ", ".join(f"{t} ({n})" for t, n in sorted(terms.items(), key=lambda x: -x[1]))
            out.print(f"  {outlet}: {words}")
    for outlet, entities in sorted(report["labels"].items()):
        labels = "; ".join(f"{e}: {', '.join(ls)}" for e, ls in sorted(entities.items()))
        out.print(f"labels in {outlet}: {labels}")
    for outlet, tone in sorted(report["tone"].items()):
        out.print(f"tone of {outlet}: {tone.get('compound', 0):+.2f} (VADER compound, mean)")


def print_hits(hits: list[SearchHit]) -> None:
    if not hits:
        out.print("No matches.")
    for hit in hits:
        out.print(Text(f"{hit.article_id}  {hit.title or ''}", style="bold"))
        out.print(f"  {hit.snippet}")


def print_demo(report: IngestReport, store: Store) -> None:
    print_report(report, store)
    articles = store.articles()
    outlets = Counter(a.outlet or "(unknown outlet)" for a in articles)
    removed = Counter(r.reason for a in articles for r in a.removed)
    repairs = [r for a in articles for r in a.repairs]
    # Plain echoes for lines a user copies (commands, paths): rich would wrap them at 80 columns.
    click.secho(f"\nThe demo storyline: {len(articles)} articles from {len(outlets)} outlets", bold=True)
    click.echo("  outlets: " + ", ".join(f"{o} ({n})" for o, n in outlets.most_common()))
    click.echo("  removed while cleaning: " + ", ".join(f"{n} {r}" for r, n in removed.most_common()))
    click.echo("  repaired: " + (", ".join(f"{r.original!r} -> {r.replacement!r}" for r in repairs) or "nothing"))
    print_entities(store.entities()[:12], with_ids=False, max_aliases=2)
    db = store.target
    click.secho("\nExplore it:", bold=True)
    for command in (f"articles --db {db}", f"show <ID> --db {db}", f"entities --type PERSON --db {db}",
                    f"search 'compensation' --db {db}", f"export --db {db} --format json -o storyline.json"):
        click.echo(f"  storyline {command}")


def _highlighted(text: str, mentions: list[Mention]) -> Text:
    rendered = Text(text)
    for m in mentions:
        if m.entity_id:
            rendered.stylize("cyan", m.start, m.end)
    return rendered


def _print_names(mentions: list[Mention]) -> None:
    counts = Counter((m.text, m.label) for m in mentions if m.entity_id)
    if counts:
        names = ", ".join(f"{t} ({label}){'×' + str(n) if n > 1 else ''}" for (t, label), n in counts.most_common())
        out.print(Text("\nNames: ", style="bold") + Text(names))


def _first_words(text: str, limit: int = 70) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"
