import { RunnerNudge } from '../jobs/runner-nudge';

/**
 * The mail queue's {@link RunnerNudge}: mail queued by a request goes out now (a person waiting for a confirmation
 * link gets it in seconds).
 */
export class MailNudge extends RunnerNudge {}
