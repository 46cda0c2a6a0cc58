import type { Activity } from '../../domain/activity-streams/activity';
import { generatedActivityContent } from '../../domain/activity-streams/activity-content';
import type { AsObject } from '../../domain/activity-streams/as-object';
import { isPlainObject } from '../../domain/activity-streams/json-guards';
import { originCopyReplaces } from '../../domain/federation/provenance';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { Repositories } from '../ports/storage/unit-of-work.port';
import { type BuiltActivity, nameable, recipientsOf, referencesOf } from './client-activity';
import { type EffectContext, refOf } from './effects/effect-context';
import { applySideEffects } from './effects/side-effects';
import { extraProperties } from './incoming-activity';
import type { CheckedRemote } from './remote-incoming';
import { isoSeconds } from './timestamps';

/**
 * Turns a checked remote activity into the one to store (docs/protocol.md §7.2 "Processing"), as
 * {@link ClientActivityBuilder} does for a local user's: the actor remembered as its own server sent it, the
 * recipients (its own, or the default ones of §6.1; never bto or bcc), the verb's side effects through the same
 * effect code local activities use (§4.3), with the sender's host as the only one whose objects they may create or
 * change, and the activity under its own id, with `received` set to now.
 *
 * Invariants: every write goes through `tx`; the activity itself is not saved here.
 */
export class RemoteActivityBuilder {
  constructor(
    private readonly site: SiteUrls,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async build(tx: Repositories, checked: CheckedRemote, senderHost: string): Promise<BuiltActivity> {
    const { body, verb } = checked;
    const now = isoSeconds(this.clock.now());
    const actor = await this.rememberActor(tx, checked.actor);
    const { to, cc } = await recipientsOf(tx, this.site, actor, checked);
    const context: EffectContext = {
      tx,
      site: this.site,
      ids: this.ids,
      now,
      actor,
      actorNickname: null,
      remoteHost: senderHost,
    };
    const { object, target } = await applySideEffects(context, {
      verb,
      object: body.object,
      target: body.target,
    });
    const activity: Activity = {
      ...extraProperties(body),
      id: checked.id,
      verb,
      actor: refOf(actor),
      ...(object && { object: refOf(object) }),
      ...(target && { target: refOf(target) }),
      // Blind copies are dropped from the body already; a default audience copied from a parent's may hold ours.
      ...referencesOf({ to, cc }),
      content:
        body.content ??
        generatedActivityContent({
          verb,
          actor,
          object: object && (await nameable(tx, object, actor)),
          target: target && (await nameable(tx, target, actor)),
        }),
      published: typeof body.published === 'string' ? body.published : now,
      updated: typeof body.updated === 'string' ? body.updated : now,
      received: now,
      ...(isPlainObject(body.links) && { links: body.links as Activity['links'] }),
      ...(typeof body.url === 'string' && { url: body.url }),
    };
    return { activity, object: object ?? null, target: target ?? null };
  }

  /**
   * The actor as stored: the copy its own server just sent (the sender speaks for the actor, checked before) when
   * none is stored or when it replaces the stored one by the rule of §7.2 (a bare reference, or an older copy); the
   * stored one otherwise. Its followers collection is what lets its local followers see its followers-only posts.
   */
  private async rememberActor(tx: Repositories, incoming: AsObject): Promise<AsObject> {
    const stored = await tx.objects.findById(incoming.id);
    if (stored !== null && !originCopyReplaces(stored, incoming)) {
      return stored;
    }
    const uuid = typeof stored?._uuid === 'string' ? stored._uuid : this.ids.uuid();
    const actor: AsObject = { ...incoming, _uuid: uuid };
    await tx.objects.save(actor);
    return actor;
  }
}
