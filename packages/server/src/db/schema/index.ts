// The whole database schema. Each area keeps its tables in its own file; drizzle-kit reads this one.
export * from './audit';
export * from './settings';
export * from './units';
export * from './accounts';
export * from './group-sets';
export * from './frameworks';
export * from './evidence';
export * from './cycles';
export * from './notification-digests';
export * from './data-feeds';
export * from './corrections';
export * from './integrity';
export * from './external-indices';
export * from './follow-up-tasks';
export * from './targets';
export * from './remediation';
export * from './surveys';
