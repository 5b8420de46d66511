"""`analyze`: the command line. Thin: parses options, hands paths to the batch runner, renders.

Heavy imports (spaCy, pdfplumber) happen only when a document is analyzed, so
`--help` and `--schema` answer at once.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

EPILOG = """Examples:

\b
  analyze note.pdf                      the verdict and the clauses behind it
  analyze folder/ -o results.jsonl      a folder, one record per line, in parallel
  analyze folder/ -o report.html        an index page and a page per document
  analyze note.pdf --format json        one JSON record on stdout
"""

app = typer.Typer(add_completion=True, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False, context_settings={"help_option_names": ["-h", "--help"]})


class Fmt(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"


class Engine(StrEnum):
    fast = "fast"
    pdfplumber = "pdfplumber"
    pdfium = "pdfium"


class Ocr(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def _usage(message: str) -> None:
    """A usage error as one line, exit status 2."""
    typer.echo(f"analyze: {message}", err=True)
    raise typer.Exit(2)


def _one_of(option: str, enum: type[StrEnum]) -> Callable[[str | None], StrEnum | None]:
    """A check that turns the option's text into `enum`, or stops with one line naming the choices."""
    names = [m.value for m in enum]

    def check(value: str | None) -> StrEnum | None:
        if value is None or isinstance(value, enum):
            return value
        if value.lower() not in names:
            _usage(f"{option} must be one of: {', '.join(names)}")
        return enum(value.lower())

    return check


def _choices(enum: type[StrEnum]) -> Callable[[str], list[str]]:
    return lambda incomplete: [m.value for m in enum if m.value.startswith(incomplete)]


def _metavar(enum: type[StrEnum]) -> str:
    return "[" + "|".join(m.value for m in enum) + "]"


SUFFIXES = {"jsonl": "jsonl", "json": "json", "csv": "csv", "html": "html", "htm": "html"}


def _format_for(output: Path | None, fmt: Fmt | None, many: bool) -> str:
    """--format when given; else the output's suffix, which must be one we write; else the terminal view."""
    if fmt is not None:
        return fmt.value
    if output is not None:
        suffix = output.suffix.lower().lstrip(".")
        if suffix in SUFFIXES:
            return SUFFIXES[suffix]
        from analyzer.safe_output import TABLE_SUFFIXES

        if output.suffix.lower() not in TABLE_SUFFIXES:  # out.xlsx must not silently get the terminal view
            what = f"the suffix .{suffix}" if suffix else "a name without a suffix"
            _usage(f"-o {output}: cannot tell the format from {what}; use .json, .jsonl, .csv, .html or .txt, "
                   "or say --format")
    return "table"


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"analyze (recourse-analyzer) {version('recourse-analyzer')}")
        except PackageNotFoundError:
            typer.echo("analyze (recourse-analyzer) unknown version: not installed")
        raise typer.Exit(0)


@app.command(epilog=EPILOG)
def analyze(
    paths: Annotated[list[str] | None, typer.Argument(metavar="FILE", show_default=False, hidden=True)] = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="Output format (default: from -o, else table).",
                                            metavar=_metavar(Fmt), callback=_one_of("--format", Fmt),
                                            autocompletion=_choices(Fmt))] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                help="Write here; the suffix says the format.")] = None,
    password: Annotated[str | None, typer.Option(help="Password for encrypted PDFs.", metavar="TEXT")] = None,
    engine: Annotated[str, typer.Option(help="PDF text engine.", metavar=_metavar(Engine),
                                        callback=_one_of("--engine", Engine),
                                        autocompletion=_choices(Engine))] = Engine.fast.value,
    ocr: Annotated[str, typer.Option(help="OCR pages without text.", metavar=_metavar(Ocr),
                                     callback=_one_of("--ocr", Ocr), autocompletion=_choices(Ocr))] = Ocr.auto.value,
    workers: Annotated[int, typer.Option(help="Worker processes (0 = number of CPUs).", metavar="N")] = 0,
    timeout: Annotated[float, typer.Option(help="CPU seconds allowed per file (wall-clock backstop: 10x).",
                                            metavar="SECONDS")] = 300.0,
    memory_mb: Annotated[int, typer.Option("--memory-mb", help="Memory ceiling per worker.", metavar="MB")] = 2048,
    resume: Annotated[bool, typer.Option(help="Skip files already recorded in --output.")] = False,
    ordered: Annotated[bool, typer.Option(help="Write records in input order.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show every clause, not only decisive ones.")]
    = False,
    dask: Annotated[str | None, typer.Option(help="Run on a Dask cluster: 'local' or tcp://host:port.",
                                             metavar="ADDRESS")] = None,
    schema: Annotated[bool, typer.Option("--schema", help="Print the JSON schema of a record and exit.")] = False,
    law: Annotated[str | None, typer.Option("--law", metavar="STATE", help="Print one jurisdiction's deficiency-law "
                                            "entry (CA, TX, HECM, 'federal VA') and exit.")] = None,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", callback=_version,
                                          is_eager=True)] = False,
) -> None:
    """Say whether each loan agreement is recourse, limited-recourse or non-recourse, quoting the clauses.

    FILE: files, folders or globs; '-' reads stdin.
    """
    if schema:
        from analyzer.results import schema_text

        typer.echo(schema_text())
        raise typer.Exit(0)
    if law is not None:
        from analyzer.law import describe

        try:
            typer.echo(describe(law), nl=False)
        except KeyError as exc:
            typer.echo(f"analyze: {exc.args[0]}", err=True)
            raise typer.Exit(2) from None
        raise typer.Exit(0)
    if not paths:
        typer.echo("analyze: no input given (a file, a folder, or '-' for stdin)", err=True)
        raise typer.Exit(2)
    from analyzer.batch import BatchConfig, run

    many = len(paths) > 1 or any(Path(p).is_dir() for p in paths if p != "-")
    try:
        out_fmt = _format_for(output, fmt, many)
    except ValueError as exc:
        typer.echo(f"analyze: {exc}", err=True)
        raise typer.Exit(2) from None
    cfg = BatchConfig(
        fmt=out_fmt, output=output, options={"password": password, "engine": engine.value,
                                                                     "ocr": ocr.value},
        workers=workers, timeout=timeout, memory_mb=memory_mb, resume=resume, ordered=ordered,
        progress=not quiet, summary=not quiet and many, verbose=verbose, dask=dask,
    )
    try:
        failures = run(paths, cfg)
    except (ValueError, OSError) as exc:
        typer.echo(f"analyze: {exc}", err=True)
        raise typer.Exit(2) from None
    raise typer.Exit(1 if failures else 0)


def main() -> None:
    import logging

    # PDF libraries log recoverable oddities of a file; the record's warnings and errors say what matters
    for name in ("pdfminer", "pdfplumber", "pypdfium2", "PIL"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        app(prog_name="analyze")
    except KeyboardInterrupt:
        sys.stderr.write("analyze: interrupted\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
