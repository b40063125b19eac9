import { Type } from '@sinclair/typebox';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../auth/index.js';

/** A six-digit code from the authenticator app (spaces allowed, as apps show `123 456`). */
const Code = Type.String({ pattern: '^[0-9 ]{6,8}$' });

export const CodeBody = Type.Object({ code: Code }, { additionalProperties: false });

export const DisableBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 1024 }), code: Code },
  { additionalProperties: false },
);

/**
 * A change of one's own password. The new one is held to the policy of new accounts (src/auth/passwords.ts: at least
 * MIN_PASSWORD_LENGTH characters), here for the OpenAPI document and again by the domain.
 */
export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
    newPassword: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH }),
  },
  { additionalProperties: false },
);

/** Starting enrolment takes nothing: the account is always the session's own. */
export const EmptyBody = Type.Object({}, { additionalProperties: false });

export const AccountInfo = Type.Object({
  username: Type.String(),
  role: Type.String(),
  totp: Type.Boolean(),
  pending: Type.Boolean(),
  recoveryCodesLeft: Type.Integer(),
});

export const Enrolment = Type.Object({ secret: Type.String(), uri: Type.String() });

export const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) });
