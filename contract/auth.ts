import { z } from 'zod';
import { emailAddressSchema, idSchema, isoDateTimeSchema } from './common';

export const roleSchema = z.enum(['admin', 'member']);
export type Role = z.infer<typeof roleSchema>;

/** A user as every endpoint returns it; carries the fields mail-merge tags need. */
export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  role: roleSchema,
  firstName: z.string(),
  lastName: z.string(),
  fullName: z.string(),
  jobTitle: z.string().nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const orgSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** Maximum number of *active* email accounts the plan allows. */
  quota: z.number().int().nonnegative(),
  activeAccounts: z.number().int().nonnegative(),
});
export type Org = z.infer<typeof orgSchema>;

export const loginRequestSchema = z.strictObject({
  email: emailAddressSchema,
  password: z.string().min(1, 'Enter your password.').max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: isoDateTimeSchema,
  user: userSchema,
  /** Signed in with a one-time password: every other call answers `password_change_required`. */
  mustChangePassword: z.boolean().default(false),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const meResponseSchema = z.object({ user: userSchema, org: orgSchema });
export type MeResponse = z.infer<typeof meResponseSchema>;

/** `GET /api/users?q=` (admins): people to grant access to. */
export const userListResponseSchema = z.object({ items: z.array(userSchema), total: z.number().int() });
