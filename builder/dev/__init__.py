"""For developers: synthetic articles and records (synth) and the benchmark (bench)."""
