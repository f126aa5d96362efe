import { describe, expect, it } from 'vitest';
import { averageText, viChange, viDecimal } from '../src/components/charts/figures';
import { classColour, classRank, classTextColour, orderClasses, UNCLASSIFIED_COLOUR } from '../src/components/charts/classes';

describe('chart figures', () => {
  it('writes published decimals the Vietnamese way, keeping their decimals', () => {
    expect(viDecimal('73.79')).toBe('73,79');
    expect(viDecimal('80.5')).toBe('80,5');
    expect(viDecimal(null)).toBe('—');
  });

  it('signs a change with + or a typographic minus', () => {
    expect(viChange('2.5')).toBe('+2,50');
    expect(viChange('-7.21')).toBe('\u22127,21');
    expect(viChange('0.00')).toBe('0,00');
  });

  it('averages decimal strings exactly, rounding half up', () => {
    // 0.1 + 0.2 + 0.3 in floats is 0.6000000000000001; the exact average is 0.2.
    expect(averageText(['0.1', '0.2', '0.3'])).toBe('0.20');
    expect(averageText(['73.79', '80.00', null])).toBe('76.90'); // 76.895 → 76.90
    expect(averageText([])).toBeNull();
  });
});

describe('class colours', () => {
  it('gives each class its own colour, whatever the letter case, and grey to the unclassified', () => {
    const labels = ['Xuất sắc', 'Tốt', 'Khá', 'Trung bình', 'Yếu'];
    expect(new Set(labels.map(classColour)).size).toBe(labels.length);
    expect(classColour('tốt')).toBe(classColour('Tốt'));
    expect(classColour(null)).toBe(UNCLASSIFIED_COLOUR);
  });

  it('writes a class tag’s text in a colour readable on the class colour', () => {
    expect(classTextColour('Xuất sắc')).toBe('#ffffff');
    expect(classTextColour('Trung bình')).toBe('#1f1f1f');
  });

  it('orders classes from the best, other labels after, unclassified last', () => {
    expect(orderClasses(['Khá', null, 'Hoàn thành', 'Xuất sắc', 'Khá'])).toEqual(['Xuất sắc', 'Khá', 'Hoàn thành', null]);
    expect(classRank('Yếu')).toBeGreaterThan(classRank('Trung bình'));
  });
});
