/**
 * The e-mailed account links (registration, password reset) carry their token in the fragment
 * (`#…`), which the browser never sends to a server. Their pages ask the API whether the link is
 * still usable before anything is typed; asking uses nothing up.
 */
import { ApiError, api } from './api-client';
import type { PlatformMessageKey } from './i18n';

export type LinkState = 'checking' | 'valid' | 'expired' | 'used' | 'invalid' | 'offline';

export const linkTokenFromUrl = (): string => window.location.hash.slice(1);

export async function checkLink(purpose: 'register' | 'reset'): Promise<LinkState> {
  const token = linkTokenFromUrl();
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return 'invalid';
  try {
    return (await api<{ state: Exclude<LinkState, 'checking' | 'offline'> }>('/auth/links/state', { json: { token, purpose } })).state;
  } catch (err) {
    return err instanceof ApiError && err.status === 0 ? 'offline' : 'invalid';
  }
}

/** The state a refused use of a link puts the page in, from the problem's type. */
export function stateOfRefusal(err: unknown): LinkState | null {
  if (!(err instanceof ApiError)) return null;
  const slug = err.problem.type.slice(err.problem.type.lastIndexOf('/') + 1);
  return slug === 'link-expired' ? 'expired' : slug === 'link-used' ? 'used' : slug === 'link-invalid' ? 'invalid' : null;
}

export const linkMessage: Record<'expired' | 'used' | 'invalid', PlatformMessageKey> = {
  expired: 'problem.link-expired',
  used: 'problem.link-used',
  invalid: 'problem.link-invalid',
};
