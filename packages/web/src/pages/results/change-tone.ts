import { changeSign } from '../../format';

/** The tone of a signed decimal change ("1.25", "-0.50", "0.00"): a rise, a fall, or none (zero is neither). */
export type ChangeTone = 'up' | 'down' | 'same';

const TONES = { [-1]: 'down', 0: 'same', 1: 'up' } as const satisfies Record<-1 | 0 | 1, ChangeTone>;

export function changeTone(change: string): ChangeTone {
  return TONES[changeSign(change.trim().replace(/^\+/, ''))];
}

/** Colours of the tones (green rise, red fall, grey none). */
export const TONE_COLOURS: Record<ChangeTone, string> = { up: '#237804', down: '#a8071a', same: '#595959' };
