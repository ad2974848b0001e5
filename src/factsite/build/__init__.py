"""Stage 4, build: the two phases (render in memory, publish into a temporary folder and
swap), the incremental preview and its server."""
