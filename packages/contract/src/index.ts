/** The HTTP API contract of chiso (docs/api.md): zod schemas and the types inferred from them. */
export * from './common';
export * from './errors';
export * from './accounts';
export * from './units';
export * from './cycles';
export * from './results';
export * from './notifications';
export * from './data-feeds';
export * from './assessments';
export * from './appraisal';
export * from './council';
export * from './evidence';
export * from './audit';
export * from './health';
export * from './frameworks';
export * from './group-sets';
export * from './scoring';
