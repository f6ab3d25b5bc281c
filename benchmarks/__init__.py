"""`regiomonitor bench`: national-scale benchmarks, kept out of the product's import paths."""
