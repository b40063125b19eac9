import { Type } from '@sinclair/typebox';

/** A six-digit code from the authenticator app (spaces allowed, as apps show `123 456`). */
const Code = Type.String({ pattern: '^[0-9 ]{6,8}$' });

export const CodeBody = Type.Object({ code: Code }, { additionalProperties: false });

export const DisableBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 1024 }), code: Code },
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
