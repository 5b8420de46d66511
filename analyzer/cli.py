"""`analyze`: the command line. Thin: parses options, hands paths to the batch runner, renders.

Heavy imports (spaCy, pdfplumber) happen only when a document is analyzed, so
`--help` and `--schema` answer at once.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  context_settings={"help_option_names": ["-h", "--help"]})


class Fmt(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"


class Engine(StrEnum):
    pdfplumber = "pdfplumber"
    pdfium = "pdfium"


class Ocr(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def _format_for(output: Path | None, fmt: Fmt | None, many: bool) -> str:
    if fmt is not None:
        return fmt.value
    if output is not None:
        suffix = output.suffix.lower().lstrip(".")
        if suffix in ("jsonl", "json", "csv", "html"):
            return suffix
        if suffix == "htm":
            return "html"
        from analyzer.safe_output import TABLE_SUFFIXES

        if output.suffix.lower() not in TABLE_SUFFIXES:  # out.xlsx must not silently get the terminal view
            raise ValueError(f"{output}: no output format for '{output.suffix}' files; name a .jsonl, .json, "
                             ".csv, .html or .txt file, or give --format")
    return "table"


@app.command()
def analyze(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, folders or globs; '-' reads stdin.")] = None,
    fmt: Annotated[Fmt | None, typer.Option("--format", "-f", help="table, json, jsonl, csv or html.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here (format from suffix).")] = None,
    password: Annotated[str | None, typer.Option(help="Password for encrypted PDFs.")] = None,
    engine: Annotated[Engine, typer.Option(help="PDF text engine.")] = Engine.pdfplumber,
    ocr: Annotated[Ocr, typer.Option(help="OCR pages without text: auto, always, never.")] = Ocr.auto,
    workers: Annotated[int, typer.Option(help="Worker processes (0 = number of CPUs).")] = 0,
    timeout: Annotated[float, typer.Option(help="CPU seconds allowed per file (wall-clock backstop: 3x).")]
    = 300.0,
    memory_mb: Annotated[int, typer.Option("--memory-mb", help="Memory ceiling per worker, MB.")] = 2048,
    resume: Annotated[bool, typer.Option(help="Skip files already recorded in --output.")] = False,
    ordered: Annotated[bool, typer.Option(help="Write records in input order.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show every clause, not only decisive ones.")]
    = False,
    dask: Annotated[str | None, typer.Option(help="Run on a Dask cluster: 'local' or tcp://host:port.")] = None,
    schema: Annotated[bool, typer.Option("--schema", help="Print the JSON schema of a record and exit.")] = False,
) -> None:
    """Say whether each loan agreement is recourse, limited-recourse or non-recourse, quoting the clauses."""
    if schema:
        from analyzer.results import schema_text

        typer.echo(schema_text())
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
