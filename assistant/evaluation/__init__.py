"""Evaluation harness: question files, metrics, the eval run and its report."""
