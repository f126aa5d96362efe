/**
 * Class labels (xếp loại) and their colours, the same on every chart, tag and table: from
 * Xuất sắc (best) to Kém (core's USUAL_CLASS_ORDER), then any other label a framework defines, then unclassified.
 * Colours are colour-blind friendly (Okabe–Ito-like) and dark enough for white text on bars.
 */

import { USUAL_CLASS_ORDER } from '@chiso/core';

const COLOURS: Record<string, string> = {
  'xuất sắc': '#1b7837',
  'tốt': '#0072b2',
  'khá': '#56a0d3',
  'trung bình': '#e69f00',
  'yếu': '#c0392b',
  'kém': '#7b2d26',
};
const OTHER = '#8e6bbf';
export const UNCLASSIFIED_COLOUR = '#9e9e9e';

/** Text on a class colour: dark on the light ones, white on the dark ones (contrast ≥ 4.5:1). */
export function classTextColour(label: string | null | undefined): string {
  const hex = classColour(label).slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white (1.05 / (L + 0.05)) against contrast with near-black #1f1f1f (L ≈ 0.0137).
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0637 ? '#ffffff' : '#1f1f1f';
}

const key = (label: string): string => label.normalize('NFC').trim().toLocaleLowerCase('vi');

/** The colour of a class label (null: unclassified). */
export function classColour(label: string | null | undefined): string {
  if (!label) return UNCLASSIFIED_COLOUR;
  return COLOURS[key(label)] ?? OTHER;
}

/** Sort position of a class label: the standard order first, other labels after, unclassified last. */
export function classRank(label: string | null | undefined): number {
  if (!label) return USUAL_CLASS_ORDER.length + 1;
  const i = USUAL_CLASS_ORDER.findIndex((c) => key(c) === key(label));
  return i >= 0 ? i : USUAL_CLASS_ORDER.length;
}

/** Labels in class order, without repeats (null = unclassified). */
export function orderClasses(labels: Iterable<string | null>): Array<string | null> {
  const seen = new Map<string, string | null>();
  for (const l of labels) seen.set(l === null ? '\u0000' : key(l), l);
  return [...seen.values()].sort((a, b) => classRank(a) - classRank(b) || (a ?? '').localeCompare(b ?? '', 'vi'));
}
