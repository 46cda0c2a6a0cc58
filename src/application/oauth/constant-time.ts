/**
 * String equality whose running time does not depend on where the strings differ, for secrets and verifiers the
 * application compares (the runtime's timingSafeEqual is out of reach here). The length may leak; it is public.
 */
export function constantTimeEquals(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
