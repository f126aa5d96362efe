import { describe, expect, it } from 'vitest';
import { confirmBeforeLeaving } from '../src/pages/assessment/leave';

describe('the self-assessment page asks before leaving', () => {
  const page = { pathname: '/assessments/c1/u1' };
  it('only when typed input is unsaved and the navigation leaves the page', () => {
    expect(confirmBeforeLeaving(page, { pathname: '/my-work' }, true)).toBe(true);
    expect(confirmBeforeLeaving(page, { pathname: '/my-work' }, false)).toBe(false);
  });
  it('never when switching criteria or tabs (same page, another search)', () => {
    expect(confirmBeforeLeaving(page, { pathname: '/assessments/c1/u1' }, true)).toBe(false);
  });
});
