"""Extraction: persons (named and unnamed) and events, with evidence spans, from one text.

Pure: text, publication date and language in; proposals out. ``extract(text, published, lang)``
returns an :class:`ExtractionResult` of :class:`PersonMention` and :class:`EventProposal`;
``to_gold(result)`` renders it in the corpus gold format.
"""

from powtrace.extract.gold import to_gold
from powtrace.extract.model import EventProposal, ExtractionResult, PersonMention, Span
from powtrace.extract.pipeline import extract

__all__ = ["EventProposal", "ExtractionResult", "PersonMention", "Span", "extract", "to_gold"]
