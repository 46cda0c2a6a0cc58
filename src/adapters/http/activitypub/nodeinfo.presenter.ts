import type { NodeDescription } from '../../../application/activitypub/describe-node.use-case';
import type { SiteUrls } from '../../../domain/site/site-urls';

/** The NodeInfo 2.1 schema, which names the document's relation and profile (https://nodeinfo.diaspora.software/protocol). */
export const NODEINFO_SCHEMA = 'http://nodeinfo.diaspora.software/ns/schema/2.1';

/** `/.well-known/nodeinfo`: where the NodeInfo 2.1 document is. */
export function nodeInfoLinks(site: SiteUrls): { links: { rel: string; href: string }[] } {
  return { links: [{ rel: NODEINFO_SCHEMA, href: site.url('api/nodeinfo/2.1') }] };
}

/**
 * The NodeInfo 2.1 document: the software, both protocols this server speaks (`pumpio` and `activitypub` are
 * names of the schema's protocol list), whether registration is open, and the user count.
 */
export function nodeInfoDocument(node: NodeDescription): Record<string, unknown> {
  return {
    version: '2.1',
    software: {
      name: node.softwareName,
      version: node.softwareVersion,
    },
    protocols: ['activitypub', 'pumpio'],
    services: { inbound: [], outbound: [] },
    openRegistrations: node.openRegistrations,
    usage: { users: { total: node.totalUsers } },
    metadata: {},
  };
}
