"""`powtrace report`, `powtrace dossier`, and `export` / `import` in every format.

Outputs are redacted unless ``--full`` is given, which needs ``--clearance sealed`` and is
written to the audit log. Without ``--out`` (or FILE) the output goes to standard output and
messages to standard error, so it can be piped.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from powtrace.cli.common import JsonOpt, console, err_console, opened_store, print_json, state
from powtrace.domain.errors import ValidationError
from powtrace.reports.redaction import DEFAULT_THRESHOLD
from powtrace.workflows import reports as flow
from powtrace.workflows import transfer

FullOpt = Annotated[
    bool,
    typer.Option(
        "--full",
        help="Include sealed records, contact details and real identifiers. Needs "
        "--clearance sealed; written to the audit log. Default: redacted.",
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="The date and time to print as 'made' (ISO 8601). Default: none, so the same "
        "data always gives the same file.",
    ),
]


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"--date '{text}' is not an ISO 8601 date or time") from None


def _emit(data: bytes, out: Path | None) -> None:
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        transfer.write_atomically(out, data)


def _say(message: str, out: Path | None) -> None:
    (console if out is not None else err_console).print(message, highlight=False)


def report(
    fmt: Annotated[str, typer.Option("--format", help="html or pdf.")] = "html",
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write (default: stdout).")
    ] = None,
    full: FullOpt = False,
    threshold: Annotated[
        int, typer.Option(help="Counts below this are shown as '<N' when redacted.")
    ] = DEFAULT_THRESHOLD,
    date: DateOpt = None,
) -> None:
    """The aggregate report: people by status and side, flow, isolation, prosecutions, findings."""
    fmt = flow.check_format(fmt, flow.REPORT_FORMATS, "report")
    with opened_store() as store:
        made = flow.build_report(
            store,
            state.actor,
            state.clearance,
            full=full,
            threshold=threshold,
            generated_at=_when(date),
        )
        data = flow.render_report(made, fmt)
    _emit(data, out)
    kind = "redacted" if made.redacted else "FULL (sealed content)"
    _say(f"Wrote a {kind} {fmt} report" + (f" to {out}." if out else "."), out)


def dossier(
    person_id: Annotated[str, typer.Argument(metavar="PERSON", help="The person's id.")],
    fmt: Annotated[
        str, typer.Option("--format", help="pdf, html, json, or card (the GC III capture card).")
    ] = "pdf",
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write (default: stdout).")
    ] = None,
    full: FullOpt = False,
    date: DateOpt = None,
) -> None:
    """A person's dossier: names, identity, capture card, timeline with citations, findings."""
    fmt = flow.check_format(fmt, flow.DOSSIER_FORMATS, "dossier")
    with opened_store() as store:
        made = flow.build_dossier(
            store, state.actor, person_id, state.clearance, full=full, generated_at=_when(date)
        )
        data = flow.render_dossier(made, fmt)
    _emit(data, out)
    kind = "redacted" if made.redacted else "FULL (sealed content)"
    _say(
        f"Wrote a {kind} {fmt} dossier of {made.display_name}" + (f" to {out}." if out else "."),
        out,
    )


def export_cmd(
    file: Annotated[Path | None, typer.Argument(help="File to write (default: stdout).")] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="json (lossless, re-importable), ftm (FollowTheMoney JSON lines) or csv.",
        ),
    ] = "json",
    table: Annotated[str, typer.Option(help="For csv: persons or events.")] = "persons",
    full: Annotated[
        bool,
        typer.Option(
            "--full", help="Include sealed records and fields (audited). Default: redacted."
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Write the registry to a file: JSON (default), FollowTheMoney or CSV; redacted by default."""
    fmt = flow.check_format(fmt, flow.EXPORT_FORMATS, "export")
    with opened_store() as store:
        if fmt == "json" and file is not None:
            summary = transfer.export_file(store, state.actor, file, full=full)
        else:
            data, result = flow.export_data(
                store, state.actor, state.clearance, fmt=fmt, full=full, table=table
            )
    if fmt == "json" and file is not None:
        if as_json:
            print_json(summary)
            return
        kind = "redacted" if summary.redacted else "full (includes sealed data)"
        console.print(
            f"Wrote a {kind} export to {file}: {summary.persons} persons, "
            f"{summary.sources} sources, {summary.events} events."
        )
        if summary.redacted and (summary.withheld.records or summary.withheld.fields):
            console.print(
                f"Left out {summary.withheld.records} sealed record(s) and "
                f"{summary.withheld.fields} sealed field(s)."
            )
        return
    _emit(data, file)
    if as_json and file is not None:
        print_json(result)
        return
    kind = "redacted" if result.redacted else "full (includes sealed data)"
    what = f"{fmt} ({table})" if fmt == "csv" else fmt
    _say(
        f"Wrote a {kind} {what} export"
        + (f" to {file}" if file else "")
        + f": {result.persons} persons, {result.events} events, {result.sources} sources.",
        file,
    )


def import_cmd(
    file: Path,
    fmt: Annotated[
        str, typer.Option("--format", help="json (a powtrace export) or ftm (JSON lines).")
    ] = "json",
    as_json: JsonOpt = False,
) -> None:
    """Read a powtrace JSON export or FollowTheMoney entities into the store: all, or nothing."""
    fmt = flow.check_format(fmt, ("json", "ftm"), "import")
    with opened_store() as store:
        if fmt == "json":
            summary = transfer.import_file(store, state.actor, file)
            skipped = 0
        else:
            summary = flow.import_ftm(store, state.actor, file)
            skipped = summary.skipped
    if as_json:
        print_json(summary)
        return
    c, u = summary.created, summary.unchanged
    console.print(
        f"Imported {c['persons']} persons, {c['sources']} sources, {c['events']} "
        f"events; {sum(u.values())} record(s) were already present."
        + (f" {skipped} entit(ies) of other kinds were skipped." if skipped else "")
    )
