import { Type } from '@sinclair/typebox';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../auth/index.js';

const Username = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.@-]*$' });
const RoleName = Type.Union(['admin', 'editor', 'reviewer', 'viewer'].map((r) => Type.Literal(r)));

export const UserParams = Type.Object({ username: Username }, { additionalProperties: false });

export const CreateUserBody = Type.Object(
  { username: Username, role: RoleName, password: Type.Optional(Type.String({ minLength: 12, maxLength: 1024 })) },
  { additionalProperties: false },
);

/** An admin's reset: a password to set, or none for one generated and answered once. */
export const ResetPasswordBody = Type.Object(
  { password: Type.Optional(Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH })) },
  { additionalProperties: false },
);

export const ChangeUserBody = Type.Object(
  { role: Type.Optional(RoleName), disabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);

export const UserSummary = Type.Object({
  id: Type.String(),
  username: Type.String(),
  role: Type.String(),
  disabled: Type.Boolean(),
  totp: Type.Boolean(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
