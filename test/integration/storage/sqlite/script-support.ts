/** Helpers for the scripts the multi-process tests run in child processes. */

/** Polls `condition` every millisecond until it holds; throws once `deadlineMs` has passed without it. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  deadlineMs: number,
  what: string,
): Promise<void> {
  const giveUpAt = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > giveUpAt) throw new Error(`Gave up waiting for ${what} after ${deadlineMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** Reports a script's failure on stderr and through the exit code, without calling process.exit. */
export function runScript(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
