//! Batch processing (placeholder).
