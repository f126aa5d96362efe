/** Issue 12 — filled in by its owner. */
export {};
