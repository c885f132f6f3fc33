import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../contract/auth';
import { forbidden, unauthorized } from './api-error';

/** Who is calling, from the session. Every query is scoped by `orgId` from here, never from input. */
export interface AuthContext {
  userId: string;
  orgId: string;
  role: Role;
  sessionId: string;
  /** Signed in with a one-time password: only the routes that let them choose one are open. */
  mustChangePassword?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth plugin; null on public routes called without a valid token. */
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** `true` lets a route under /api be called without a token (login, health). */
    public?: boolean;
    /** `true` keeps the route open to a session that must first choose a new password. */
    beforePasswordChange?: boolean;
  }
}

/** The caller of a protected route (the auth plugin already answered 401 when there is none). */
export function currentUser(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthorized();
  return request.auth;
}

export function requireAdmin(request: FastifyRequest): AuthContext {
  const auth = currentUser(request);
  if (auth.role !== 'admin') throw forbidden();
  return auth;
}
