import {
  allows,
  type Interaction,
  personFilterStreamName,
  type Standing,
} from '../../domain/blocking/person-filters';
import type { LocalUserRecipient } from '../../domain/distribution/distribution-planner';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { StreamRepository } from '../ports/storage/stream-repository.port';

/** How the local user `nickname` regards `personId`: two stream lookups, no write. */
export async function standingOf(
  streams: Pick<StreamRepository, 'contains'>,
  nickname: string,
  personId: string,
): Promise<Standing> {
  const [blocked, muted] = await Promise.all([
    streams.contains(personFilterStreamName(nickname, 'blocked'), personId),
    streams.contains(personFilterStreamName(nickname, 'muted'), personId),
  ]);
  return { blocked, muted };
}

/**
 * Whether the person `ownerId` allows `interaction` from `otherId` (domain/blocking/person-filters.ts). Only a
 * local user keeps lists, so a remote owner allows everything here (their own server decides for them).
 */
export async function ownerAllows(
  streams: Pick<StreamRepository, 'contains'>,
  site: SiteUrls,
  ownerId: string,
  otherId: string,
  interaction: Interaction,
): Promise<boolean> {
  const nickname = site.nicknameOfPersonId(ownerId);
  if (nickname === null || ownerId === otherId) {
    return true;
  }
  return allows(interaction, await standingOf(streams, nickname, otherId));
}

/**
 * The local recipients whose inbox an activity by `actorId` may reach (the rule's `reach-inbox`): those who
 * blocked or muted the actor are left out. Two batched lookups, whatever the number of recipients; the actor
 * is never left out of their own inbox.
 */
export async function recipientsReachable<T extends LocalUserRecipient>(
  streams: Pick<StreamRepository, 'holdingItem'>,
  actorId: string,
  recipients: readonly T[],
): Promise<T[]> {
  if (recipients.length === 0) {
    return [];
  }
  const nicknames = [...new Set(recipients.map((recipient) => recipient.nickname))];
  const streamsOf = (filter: 'blocked' | 'muted') =>
    streams.holdingItem(
      nicknames.map((nickname) => personFilterStreamName(nickname, filter)),
      actorId,
    );
  const [blocking, muting] = await Promise.all([streamsOf('blocked'), streamsOf('muted')]);
  return recipients.filter((recipient) => {
    if (recipient.personId === actorId) return true;
    const standing: Standing = {
      blocked: blocking.has(personFilterStreamName(recipient.nickname, 'blocked')),
      muted: muting.has(personFilterStreamName(recipient.nickname, 'muted')),
    };
    return allows('reach-inbox', standing);
  });
}
