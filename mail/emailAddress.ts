// One rule for what counts as a deliverable address, shared by the outbox, the notice data and the
// office's pre-publication recipient check, so a unit flagged there is exactly one that would fail here.
import { z } from 'zod';

const emailSchema = z.email();

export function isValidEmail(value: string | null | undefined): value is string {
  return typeof value === 'string' && emailSchema.safeParse(value).success;
}
