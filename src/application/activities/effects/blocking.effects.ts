import type { AsObject } from '../../../domain/activity-streams/as-object';
import type { Interaction } from '../../../domain/blocking/person-filters';
import { forbidden } from '../../../domain/errors/domain-error';
import { ownerAllows } from '../../blocking/person-standing';
import type { EffectContext } from './effect-context';

// How far up a thread a reply looks for an owner who blocked its actor: deeper threads are rare, and the walk
// must stay bounded inside the unit of work whatever a peer stored.
const THREAD_DEPTH_LIMIT = 32;

const REFUSALS: Partial<Record<Interaction, string>> = {
  follow: 'This person does not accept your follow.',
  reply: 'This thread does not accept your reply.',
  favorite: 'This object does not accept your favorite.',
  share: 'This object does not accept your share.',
};

/**
 * Refuses (403 `activity.blocked`) an interaction of the actor with something owned by `ownerId` when the owner's
 * lists forbid it (domain/blocking/person-filters.ts). The same for local clients and for activities other
 * servers deliver, since both come through the side effects.
 */
export async function assertOwnerAllows(
  context: EffectContext,
  ownerId: string | undefined,
  interaction: Interaction,
): Promise<void> {
  if (ownerId === undefined) return;
  if (!(await ownerAllows(context.tx.streams, context.site, ownerId, context.actor.id, interaction))) {
    throw forbidden('activity.blocked', REFUSALS[interaction] ?? 'Not allowed.');
  }
}

/**
 * Refuses a reply into a thread where the author of the parent, or of any object above it, blocked the actor:
 * "cannot reply into my threads" means the whole thread, not only my own posts in it.
 */
export async function assertMayReplyInto(context: EffectContext, parent: AsObject): Promise<void> {
  let current: AsObject | null = parent;
  const seen = new Set<string>();
  for (let depth = 0; current !== null && depth < THREAD_DEPTH_LIMIT && !seen.has(current.id); depth += 1) {
    seen.add(current.id);
    await assertOwnerAllows(context, current.author?.id, 'reply');
    const above: string | undefined = current.inReplyTo?.id;
    current = above === undefined ? null : await context.tx.objects.findById(above);
  }
}
