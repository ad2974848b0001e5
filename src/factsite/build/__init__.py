"""Stage 4, build: the two phases (render in memory, publish into a temporary folder and
swap), the output folder (its lock, the atomic swap, leftovers of killed builds), the
incremental preview and its server."""
