// Building blocks of the documented response bodies (api/openapi/defineRoute.ts types every handler's
// JSON by its route's schema). Instants and decimals are what JSON makes of Date and Prisma.Decimal.
import { z } from 'zod';
import type { Prisma } from '../../prisma/client';
import './registry';

/** A Date (or its ISO string) in the handler; an ISO 8601 instant on the wire. */
export const instant = z
  .custom<Date | string>((value) => value instanceof Date || typeof value === 'string')
  .openapi({ type: 'string', format: 'date-time' });

/** An instant that may be absent (`null` on the wire). */
export const nullableInstant = z
  .custom<Date | string | null>(
    (value) => value === null || value instanceof Date || typeof value === 'string',
  )
  .openapi({ type: ['string', 'null'], format: 'date-time' });

/** A stored decimal (Prisma.Decimal) in the handler; its exact digits as a string on the wire. */
export const decimal = z
  .custom<Prisma.Decimal | string>((value) => value !== null && value !== undefined)
  .openapi({ type: 'string', description: 'an exact decimal, exactly as stored (domain/precision.ts)' });

/**
 * A database row: the columns listed are documented (and checked); the table's other columns may come
 * with them (`additionalProperties`), so a new column never breaks a client.
 */
export const row = <Shape extends z.ZodRawShape>(shape: Shape) => z.looseObject(shape);

/** A person named on a screen (never an id alone). */
export const personRef = row({ id: z.string(), displayName: z.string() });
