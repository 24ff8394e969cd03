"""Pure types and vocabularies. No I/O, no framework."""
