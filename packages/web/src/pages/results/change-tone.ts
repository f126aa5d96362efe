/** The tone of a signed decimal change ("1.25", "-0.50", "0.00"): a rise, a fall, or none (zero is neither). */
export type ChangeTone = 'up' | 'down' | 'same';

export function changeTone(change: string): ChangeTone {
  if (/^[+-]?0*(\.0*)?$/.test(change.trim())) return 'same';
  return change.trim().startsWith('-') ? 'down' : 'up';
}

/** Colours of the tones (green rise, red fall, grey none). */
export const TONE_COLOURS: Record<ChangeTone, string> = { up: '#237804', down: '#a8071a', same: '#595959' };
