export * from './parse.ts';
export * from './rational.ts';
export * from './points.ts';
export * from './fixed.ts';
export * from './typed.ts';
export * from './vi-text.ts';
