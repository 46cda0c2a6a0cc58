import { lookup } from 'node:dns/promises';

import { NAMESPACE_HOSTS } from './namespace';
import { WORK_FOLDER_VARIABLE } from './scenario-names';

const HOW_TO_RUN = 'run them through test/e2e/federation/federation.test.ts, which makes the namespace';

/** The run's work folder, which the jest file outside made (nodes' data folders and logs live under it). */
export function workFolder(): string {
  const folder = process.env[WORK_FOLDER_VARIABLE];
  if (folder === undefined || folder === '') {
    throw new Error(
      `${WORK_FOLDER_VARIABLE} is not set: the federation scenarios only run inside their namespace; ${HOW_TO_RUN}`,
    );
  }
  return folder;
}

/** Fails unless this process is inside the namespace: the test names resolve to their addresses there only. */
export async function assertInsideNamespace(): Promise<void> {
  workFolder();
  for (const [name, address] of Object.entries(NAMESPACE_HOSTS)) {
    const found = await lookup(name).catch(() => undefined);
    if (found?.address !== address) {
      throw new Error(
        `${name} does not resolve to ${address} here: not inside the federation namespace; ${HOW_TO_RUN}`,
      );
    }
  }
}
