import { Type } from '@sinclair/typebox';

export const SignInBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    totp: Type.Optional(Type.String({ pattern: '^[0-9 ]{6,8}$' })),
    recoveryCode: Type.Optional(Type.String({ minLength: 10, maxLength: 16, pattern: '^[A-Za-z0-9-]+$' })),
  },
  { additionalProperties: false },
);

export const SessionInfo = Type.Object({
  user: Type.Object({ id: Type.String(), username: Type.String(), role: Type.String() }),
  csrfToken: Type.String(),
  expiresAt: Type.String(),
});
