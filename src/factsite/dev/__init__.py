"""Tools for developing factsite itself: the benchmark, synthetic editions, the content
report and the authoring guide. May import anything; nothing imports it."""
