/** The time, as a port, so rules about expiry and windows can be tested without waiting. */
export interface Clock {
  now(): Date;
}
export const Clock = Symbol('Clock');
