/**
 * The zero-downtime epoch (pump.io's "magic number"). A running master re-reads this file from disk before each
 * restart and refuses to roll workers onto code whose epoch differs from the one it started with: the old master
 * stays in charge of the new workers, so some changes cannot be rolled.
 *
 * Bump it (by one) in the same commit as any change that makes old and new processes unable to run side by
 * side: the master's own logic or the IPC messages (src/infrastructure/cluster/**), or the database schema in a
 * way old workers cannot read. After deploying such a version, restart the service (systemctl restart), not
 * `pumphouse ctl restart`.
 *
 * Keep the line below in exactly this form: the master reads it with a regular expression (epoch-reader.ts).
 */
export const ZERO_DOWNTIME_EPOCH = 1;
