/** The assessment cycle's pure logic: states, permissions, appraisal, checks, consolidation, progress. */
export * from './actor.ts';
export * from './calendar.ts';
export * from './unit-states.ts';
export * from './values.ts';
export * from './criterion.ts';
export * from './submission.ts';
export * from './consolidate.ts';
export * from './progress.ts';
export * from './data-feed.ts';
export * from './outcome.ts';
export * from './framework-correction.ts';
export * from './cycle-lifecycle.ts';
export * from './demo-calendar.ts';
