"""What every import of places shares: the run (frame), the plan against the files
already there, the writer, the counters."""
