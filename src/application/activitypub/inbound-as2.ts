import {
  type As1FromAs2,
  type As2Refusal,
  type As2Senders,
  as2ActivityToAs1,
} from '../../domain/as2/as2-to-as1';
import { scrubActivity } from '../activities/content-scrubbing';
import type { HtmlSanitizer } from '../ports/html-sanitizer.port';

/**
 * An activity an ActivityPub server sent, as the AS1 activity the publish path takes (docs/activitypub.md §6):
 * mapped by the domain's one AS2 → AS1 mapping, then its HTML cleaned through the sanitizer port exactly as a
 * local post's (`content`, `summary`, `title` to the allowlist, `displayName` to plain text, in the object, the
 * actor and every nested object). Answers the refusal unchanged when the activity has no AS1 form.
 */
export function inboundAs1Activity(
  as2: unknown,
  senders: As2Senders,
  sanitizer: HtmlSanitizer,
): As1FromAs2 | As2Refusal {
  const as1 = as2ActivityToAs1(as2, senders);
  return typeof as1 === 'string' ? as1 : scrubActivity(as1, sanitizer);
}
