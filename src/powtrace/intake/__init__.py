"""Reading sources: text, HTML, saved web pages (MHTML, WARC) and PDFs with a text layer.

``read_file(path)`` and ``read_bytes(data, name)`` return an :class:`IntakeResult` wrapping a
domain :class:`~powtrace.domain.model.Source` (original bytes, SHA-256, text, media type,
language, publication date) and whether that date was stated or inferred. Bad input raises
:class:`~powtrace.domain.errors.ValidationError` naming the file.
"""

from powtrace.intake.language import detect_language
from powtrace.intake.read import IntakeResult, read_bytes, read_file

__all__ = ["IntakeResult", "detect_language", "read_bytes", "read_file"]
