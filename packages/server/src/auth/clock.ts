/** The current time, as a dependency: tests pass their own to move time without sleeping. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** Today's date (YYYY-MM-DD) in Asia/Ho_Chi_Minh. */
export function localDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
