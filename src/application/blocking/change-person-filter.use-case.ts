import type { AsObject } from '../../domain/activity-streams/as-object';
import { ObjectType } from '../../domain/activity-streams/object-types';
import {
  allows,
  NO_STANDING,
  type PersonFilter,
  personFilterStreamName,
} from '../../domain/blocking/person-filters';
import { invalid } from '../../domain/errors/domain-error';
import type { Principal } from '../auth/principal';
import type { UnitOfWork } from '../ports/storage/unit-of-work.port';
import { assertSameUser } from '../users/same-user';

/** What {@link ChangePersonFilter} needs: who asks, whose list, which list, add or remove, and the person's id. */
export interface ChangePersonFilterCommand {
  readonly principal: Principal;
  /** The owner of the list (the path's nickname): only they may change it. */
  readonly nickname: string;
  readonly filter: PersonFilter;
  readonly change: 'add' | 'remove';
  /** The person's id as the client sent it; checked here. */
  readonly personId: unknown;
}

const MAX_ID_LENGTH = 2048;

/**
 * Adds a person to, or removes them from, a local user's blocked or muted list (README "Blocking and muting";
 * the rules themselves are domain/blocking/person-filters.ts).
 *
 * Invariants: only the owner may (401 "Not authorized", pump.io's sameUser); the person is a person this server
 * knows (a local user, or a remote person seen here), else 400 and nothing changes; nobody lists themselves
 * (400); adding twice or removing someone absent changes nothing and is not an error; no activity is made and
 * nothing is sent, so the person is never told; blocking someone who follows the owner ends that follow
 * (the rule's `keep-following`), in the same unit of work.
 */
export class ChangePersonFilter {
  constructor(private readonly storage: UnitOfWork) {}

  async execute(command: ChangePersonFilterCommand): Promise<AsObject> {
    assertSameUser(command.principal, command.nickname);
    const ownerId = command.principal.user?.personId ?? '';
    const personId = command.personId;
    if (typeof personId !== 'string' || personId === '' || personId.length > MAX_ID_LENGTH) {
      throw invalid('person-filter.id-required', 'A person id is required.');
    }
    if (personId === ownerId) {
      throw invalid('person-filter.self', `You cannot put yourself on your ${command.filter} list.`);
    }
    const stream = personFilterStreamName(command.nickname, command.filter);
    return this.storage.run(async (tx) => {
      const stored = await tx.objects.findById(personId);
      const isPerson = stored !== null && stored.objectType === ObjectType.PERSON;
      if (command.change === 'remove') {
        await tx.streams.remove(stream, personId);
        return isPerson ? stored : { id: personId, objectType: ObjectType.PERSON };
      }
      if (!isPerson) {
        throw invalid('person-filter.no-such-person', `No such person: ${personId}`);
      }
      await tx.streams.append(stream, personId);
      const standing = { ...NO_STANDING, [command.filter]: true };
      if (!allows('keep-following', standing)) {
        await tx.follows.unfollow(personId, ownerId);
      }
      return stored;
    });
  }
}
