/**
 * What a link-channel survey keeps of an instant: the start of its Vietnam day. The link's opened and
 * used instants and the response's started and submitted instants are all kept to the day, so that
 * neither the time nor the order of sending can match the respondent list to a response.
 */
import { startOfDayVn, vietnamDay } from '@chiso/core';

export function dayKept(at: Date): Date {
  const [y, m, d] = vietnamDay(at).split('-').map(Number) as [number, number, number];
  return new Date(startOfDayVn(y, m, d));
}
