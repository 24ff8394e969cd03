"""Tests for powtrace.names."""
