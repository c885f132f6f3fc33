/**
 * An organisation's people as administrators manage them (`/api/users`), how an invited person
 * gets in (`/api/invitations/*`) and one's own profile and password (`/api/me`, `/api/me/password`).
 */
import { z } from 'zod';
import { roleSchema, userSchema } from './auth';
import { emailAddressSchema, idSchema, isoDateTimeSchema, limits } from './common';

const name = (what: string) => z.string().trim().max(limits.shortText, `${what} is too long.`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

/** The merge-tag fields a person and their administrator can both fill in. */
const profileFields = {
  firstName: name('The first name'),
  lastName: name('The last name'),
  jobTitle: optionalText(limits.shortText),
  phone: optionalText(50),
  mobile: optionalText(50),
};

/** At least 8 characters (NIST 800-63B: length over composition rules). */
export const newPasswordSchema = z
  .string()
  .min(8, 'Choose a password of at least 8 characters.')
  .max(1024, 'This password is too long.');

/** `active`: can sign in; `invited`: has not chosen a password yet; `deactivated`: cannot sign in. */
export const userStatusSchema = z.enum(['active', 'invited', 'deactivated']);
export type UserStatus = z.infer<typeof userStatusSchema>;

/** A person as the admin console lists them, with the mailboxes they can use. */
export const adminUserSchema = userSchema.extend({
  active: z.boolean(),
  status: userStatusSchema,
  mustChangePassword: z.boolean(),
  lastSignInAt: isoDateTimeSchema.nullable(),
  createdAt: isoDateTimeSchema,
  accounts: z.array(z.object({ id: idSchema, address: z.string() })),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const userListQuerySchema = z.strictObject({
  q: z.string().max(limits.shortText).default(''),
  status: z.enum(['all', 'active', 'invited', 'deactivated']).default('all'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const adminUserListSchema = z.object({ items: z.array(adminUserSchema), total: z.number().int().nonnegative() });

export const createUserRequestSchema = z.strictObject({
  email: emailAddressSchema,
  role: roleSchema.default('member'),
  ...profileFields,
  firstName: name('The first name').min(1, 'Enter a first name.'),
  /** Instead of an invitation link: a one-time password to hand over, changed at first sign-in. */
  temporaryPassword: z.boolean().default(false),
});
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z.strictObject({
  email: emailAddressSchema.optional(),
  role: roleSchema.optional(),
  firstName: name('The first name').min(1, 'Enter a first name.').optional(),
  lastName: name('The last name').optional(),
  jobTitle: profileFields.jobTitle,
  phone: profileFields.phone,
  mobile: profileFields.mobile,
});
export type UpdateUserRequest = z.input<typeof updateUserRequestSchema>;

export const invitationSchema = z.object({ token: z.string(), expiresAt: isoDateTimeSchema });
export type Invitation = z.infer<typeof invitationSchema>;

/** A new way in: an invitation (single use, 7 days) or a one-time password, never both. */
export const userCredentialsSchema = z.object({
  user: adminUserSchema,
  invitation: invitationSchema.optional(),
  temporaryPassword: z.string().optional(),
});
export type UserCredentials = z.infer<typeof userCredentialsSchema>;

export const newInvitationRequestSchema = z.strictObject({ temporaryPassword: z.boolean().default(false) });

const tokenField = z.string().trim().min(1, 'Paste the invitation code you were given.').max(200, 'This is not an invitation code.');

/** What the invitation page shows before the person chooses a password. */
export const inspectInvitationRequestSchema = z.strictObject({ token: tokenField });
export const invitationInfoSchema = z.object({
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  orgName: z.string(),
  expiresAt: isoDateTimeSchema,
});
export type InvitationInfo = z.infer<typeof invitationInfoSchema>;

export const acceptInvitationRequestSchema = z.strictObject({ token: tokenField, password: newPasswordSchema });
export type AcceptInvitationRequest = z.infer<typeof acceptInvitationRequestSchema>;

/** `PATCH /api/me`: one's own names and the numbers signatures print. */
export const profilePatchSchema = z.strictObject({
  firstName: name('The first name').min(1, 'Enter a first name.').optional(),
  lastName: name('The last name').optional(),
  jobTitle: profileFields.jobTitle,
  phone: profileFields.phone,
  mobile: profileFields.mobile,
});
export type ProfilePatch = z.input<typeof profilePatchSchema>;

export const passwordChangeRequestSchema = z.strictObject({
  currentPassword: z.string().min(1, 'Enter your current password.').max(1024),
  newPassword: newPasswordSchema,
});
export type PasswordChangeRequest = z.infer<typeof passwordChangeRequestSchema>;
