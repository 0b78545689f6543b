// An account as the API answers it, with the roles of Art. 22.
import { z } from 'zod';

export const roleSchema = z.enum([
  'ADMIN',
  'OFFICE',
  'LEADER',
  'PARTY_MEMBER',
  'DEPARTMENT',
  'UNIT',
  'THIRD_PARTY',
]);

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  unitId: z.string().nullable(),
  departmentId: z.string().nullable(),
  locale: z.string(),
});
export const listedUserSchema = userSchema.extend({
  email: z.string().nullable(),
  title: z.string().nullable(),
  active: z.boolean(),
});
