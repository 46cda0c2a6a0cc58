import type { Activity } from '../../domain/activity-streams/activity';
import { assertValidIncomingActivity } from '../../domain/activity-streams/activity-validation';
import { withoutPrivateKeys } from '../../domain/activity-streams/private-keys';
import { normaliseAudience } from '../../domain/audience/audience';
import { forbidden, gone, invalid, notFound } from '../../domain/errors/domain-error';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { Principal } from '../auth/principal';
import type { Clock } from '../ports/clock.port';
import type { HtmlSanitizer } from '../ports/html-sanitizer.port';
import type { Repositories, UnitOfWork } from '../ports/storage/unit-of-work.port';
import { scrubActivity } from './content-scrubbing';
import { refOf } from './effects/effect-context';
import { actingUser, objectBody } from './object-shortcuts';
import { isoSeconds } from './timestamps';

/** What {@link UpdateActivity} needs: who, the activity's uuid and the properties to merge. */
export interface UpdateActivityCommand {
  readonly principal: Principal;
  readonly uuid: string;
  readonly body: unknown;
}

/** What {@link DeleteActivity} needs: who, and the activity's uuid. */
export interface DeleteActivityCommand {
  readonly principal: Principal;
  readonly uuid: string;
}

// What a merge never changes: identity, what the activity is about, its history and the server's links.
const IMMUTABLE: ReadonlySet<string> = new Set([
  'id',
  'verb',
  'actor',
  'object',
  'target',
  'generator',
  'published',
  'updated',
  'deleted',
  'received',
  'links',
  'url',
]);

/** The live activity `uuid` names, which only its actor may change: 404, 410 or 403 otherwise. */
async function ownActivity(
  tx: Repositories,
  site: SiteUrls,
  principal: Principal,
  uuid: string,
): Promise<Activity> {
  const user = actingUser(principal);
  const activity = await tx.activities.findById(site.activityId(uuid));
  if (activity === null) {
    throw notFound('activity.not-found', `No activity with id ${site.activityId(uuid)}`);
  }
  if (activity.deleted !== undefined) {
    throw gone('activity.deleted', 'Deleted');
  }
  if (activity.actor.id !== user.personId) {
    throw forbidden('activity.not-actor', 'Only the actor can modify this activity.');
  }
  return activity;
}

/**
 * `PUT /api/activity/<uuid>` (docs/protocol.md §4.5): the body is shallow-merged into the stored activity and
 * `updated` refreshed. No side effects and no new distribution.
 *
 * Invariants: actor only (403); identity, verb, actor/object/target and history are kept, and a body naming another
 * actor is refused (400 "Invalid actor", as a post is) rather than silently kept; addresses sent are
 * validated and stored as `{id, objectType}` references, like a posted activity's; HTML is cleaned as a posted
 * activity's is (docs/protocol.md §4.6).
 */
export class UpdateActivity {
  constructor(
    private readonly storage: UnitOfWork,
    private readonly clock: Clock,
    private readonly site: SiteUrls,
    private readonly sanitizer: HtmlSanitizer,
  ) {}

  async execute(command: UpdateActivityCommand): Promise<Activity> {
    const changes = scrubActivity(withoutPrivateKeys(objectBody(command.body)), this.sanitizer);
    assertValidIncomingActivity(changes);
    const audience = normaliseAudience(changes);
    return this.storage.run(async (tx) => {
      const activity = await ownActivity(tx, this.site, command.principal, command.uuid);
      // Clients send back the activity they read, actor included: the same actor is fine, another one never is.
      if (changes.actor !== undefined && changes.actor.id !== activity.actor.id) {
        throw invalid('activity.invalid-actor', 'Invalid actor');
      }
      const updated: Activity = { ...activity };
      for (const [key, value] of Object.entries(changes)) {
        if (!IMMUTABLE.has(key)) {
          updated[key] = value;
        }
      }
      for (const [field, addresses] of Object.entries(audience)) {
        updated[field] = addresses.map(refOf);
      }
      updated.updated = isoSeconds(this.clock.now());
      await tx.activities.save(updated);
      return updated;
    });
  }
}

/**
 * `DELETE /api/activity/<uuid>` (docs/protocol.md §4.5): the activity is reduced to
 * `actor, object, id, published, updated, deleted`; reads answer 410 from then on. No side effects.
 *
 * Invariants: actor only (403); an unknown activity is 404 and a deleted one 410.
 */
export class DeleteActivity {
  constructor(
    private readonly storage: UnitOfWork,
    private readonly clock: Clock,
    private readonly site: SiteUrls,
  ) {}

  async execute(command: DeleteActivityCommand): Promise<Activity> {
    return this.storage.run(async (tx) => {
      const activity = await ownActivity(tx, this.site, command.principal, command.uuid);
      const now = isoSeconds(this.clock.now());
      const tombstone = {
        id: activity.id,
        actor: activity.actor,
        ...(activity.object && { object: activity.object }),
        ...(activity.published && { published: activity.published }),
        updated: now,
        deleted: now,
        _uuid: activity._uuid,
      } as unknown as Activity;
      await tx.activities.save(tombstone);
      return tombstone;
    });
  }
}
