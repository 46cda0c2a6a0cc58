import type { Repositories } from '../ports/storage/unit-of-work.port';

/** What NodeInfo says about this server (docs/activitypub.md §7). */
export interface NodeDescription {
  readonly softwareName: string;
  readonly softwareVersion: string;
  readonly openRegistrations: boolean;
  readonly totalUsers: number;
}

/** The server's settings NodeInfo reports. */
export interface NodeSettings {
  readonly softwareVersion: string;
  readonly openRegistrations: boolean;
}

/**
 * Describes the server for NodeInfo (https://nodeinfo.diaspora.software/protocol): its software, whether anyone
 * may register, and how many users it has. Invariants: counts come from storage at the time of the call; nothing
 * else about users is disclosed.
 */
export class DescribeNode {
  constructor(
    private readonly repositories: Pick<Repositories, 'users'>,
    private readonly settings: NodeSettings,
  ) {}

  async execute(): Promise<NodeDescription> {
    return {
      softwareName: 'pumphouse',
      softwareVersion: this.settings.softwareVersion,
      openRegistrations: this.settings.openRegistrations,
      totalUsers: await this.repositories.users.count(),
    };
  }
}
