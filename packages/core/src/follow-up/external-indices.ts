/** Issue 12 (pure, no I/O) — filled in by its owner. */
export {};
