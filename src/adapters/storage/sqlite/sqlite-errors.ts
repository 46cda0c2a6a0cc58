const UNIQUE_VIOLATIONS: ReadonlySet<string> = new Set([
  'SQLITE_CONSTRAINT_PRIMARYKEY',
  'SQLITE_CONSTRAINT_UNIQUE',
]);

/**
 * The extended SQLite result code an error carries, if it came from better-sqlite3.
 *
 * Duck-typed rather than `instanceof Database.SqliteError`: the native addon keeps the error class of the first
 * copy of better-sqlite3 that loaded it, so a second module registry in the same process (jest does this per
 * test file, each with its own `Error` too) receives errors whose class is not its own `SqliteError`.
 */
export function sqliteErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'SqliteError' && typeof code === 'string' ? code : undefined;
}

/** True when `error` is SQLite refusing a row because its primary key or a unique column is already taken. */
export function isUniqueViolation(error: unknown): boolean {
  const code = sqliteErrorCode(error);
  return code !== undefined && UNIQUE_VIOLATIONS.has(code);
}
