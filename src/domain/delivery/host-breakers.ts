/** When a host's circuit opens, and how long it stays open. */
export interface BreakerSettings {
  /** Consecutive failed attempts to one host that pause it. */
  readonly failureThreshold: number;
  /** The first pause; doubled each time a probe fails. */
  readonly firstPauseMs: number;
  /** The longest pause. */
  readonly longestPauseMs: number;
}

export const DEFAULT_BREAKER_SETTINGS: BreakerSettings = {
  failureThreshold: 5,
  firstPauseMs: 5 * 60_000,
  longestPauseMs: 6 * 60 * 60_000,
};

interface HostState {
  failures: number;
  /** Epoch ms until which nothing is sent, or null while the circuit is closed. */
  pausedUntil: number | null;
  pauseMs: number;
  /** One delivery is on its way to find out whether a paused host is back. */
  probing: boolean;
}

/** What may go to a host now: anything, one probe (the pause is over), or nothing until a time. */
export type Admission =
  | { readonly kind: 'deliver' }
  | { readonly kind: 'probe' }
  | { readonly kind: 'paused'; readonly until: Date };

/**
 * A circuit breaker per destination host: a host that fails `failureThreshold` times in a row is paused; once
 * the pause is over one delivery probes it; a probe that succeeds closes the circuit, one that fails pauses the
 * host again for twice as long (up to `longestPauseMs`). A receiver's `Retry-After` can pause a host too.
 *
 * Invariants: time comes only from the caller; at most one probe per host is in flight; any success forgets the
 * host entirely, so the table holds only hosts that are failing.
 */
export class HostBreakers {
  private readonly hosts = new Map<string, HostState>();

  constructor(private readonly settings: BreakerSettings = DEFAULT_BREAKER_SETTINGS) {}

  /** The hosts nothing should be taken for now: paused, or with a probe in flight. */
  blockedHosts(now: Date): string[] {
    const blocked: string[] = [];
    for (const [host, state] of this.hosts) {
      if (state.probing || (state.pausedUntil !== null && state.pausedUntil > now.getTime()))
        blocked.push(host);
    }
    return blocked;
  }

  /** Whether a delivery to `host` may go now; answering `probe` marks the probe as in flight. */
  admit(host: string, now: Date): Admission {
    const state = this.hosts.get(host);
    if (state === undefined || state.pausedUntil === null) return { kind: 'deliver' };
    if (state.pausedUntil > now.getTime()) return { kind: 'paused', until: new Date(state.pausedUntil) };
    if (state.probing) return { kind: 'paused', until: now };
    state.probing = true;
    return { kind: 'probe' };
  }

  /** The host answered: its circuit closes. Answers whether it had been failing (it is back). */
  succeeded(host: string): boolean {
    return this.hosts.delete(host);
  }

  /** The host failed in a way that may pass (a 5xx, a timeout, a refused connection). */
  failed(host: string, now: Date): void {
    const state = this.stateOf(host);
    state.failures += 1;
    if (state.probing) {
      state.probing = false;
      state.pauseMs = Math.min(state.pauseMs * 2, this.settings.longestPauseMs);
      state.pausedUntil = now.getTime() + state.pauseMs;
    } else if (state.pausedUntil === null && state.failures >= this.settings.failureThreshold) {
      state.pauseMs = this.settings.firstPauseMs;
      state.pausedUntil = now.getTime() + state.pauseMs;
    }
  }

  /**
   * The receiver asked for a pause (`Retry-After`): nothing goes to it before `until`. A probe in flight stays in
   * flight: only its own outcome ends it, so a late answer to an earlier delivery cannot let a second probe go.
   */
  pause(host: string, until: Date): void {
    const state = this.stateOf(host);
    state.pauseMs = Math.max(state.pauseMs, this.settings.firstPauseMs);
    state.pausedUntil = Math.max(state.pausedUntil ?? 0, until.getTime());
  }

  /** An attempt ended without telling anything about the host (nothing was sent): a probe may go again. */
  ended(host: string): void {
    const state = this.hosts.get(host);
    if (state !== undefined) state.probing = false;
  }

  /** The pause of a host, for an admin: null while its circuit is closed. */
  pausedUntil(host: string): Date | null {
    const until = this.hosts.get(host)?.pausedUntil ?? null;
    return until === null ? null : new Date(until);
  }

  private stateOf(host: string): HostState {
    let state = this.hosts.get(host);
    if (state === undefined) {
      state = { failures: 0, pausedUntil: null, pauseMs: 0, probing: false };
      this.hosts.set(host, state);
    }
    return state;
  }
}
