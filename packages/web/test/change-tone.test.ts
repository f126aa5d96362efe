import { describe, expect, it } from 'vitest';
import { changeTone } from '../src/pages/results/change-tone';

describe('the tone of a change on the report card', () => {
  it('is neutral for zero however written, a rise above it, a fall below', () => {
    for (const zero of ['0', '0.00', '-0.00', '+0.0', '0.000']) expect(changeTone(zero)).toBe('same');
    expect(changeTone('0.01')).toBe('up');
    expect(changeTone('12.5')).toBe('up');
    expect(changeTone('-0.01')).toBe('down');
  });
});
