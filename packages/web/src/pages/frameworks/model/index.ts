/**
 * The framework editor's model, pure (no React) so each part can be checked on its own; the core
 * parses, validates and scores the document on every change.
 */
export * from './document';
export * from './decimals';
export * from './tree';
export * from './analysis';
export * from './preview';
export * from './rules';
export * from './selection';
