/** The signed-in account, shared by the shell and the pages; loaded once, updated on sign-in/out. */
import { ApiError, api } from './api-client';
import type { User } from './api-types';
import { type Locale, locale, setLocale } from './i18n';

type Listener = (user: User | null) => void;
const listeners = new Set<Listener>();
let user: User | null = null;
let loaded: Promise<User | null> | null = null;
let afterSignIn: string | null = null;

export function currentUser(): User | null {
  return user;
}

function set(next: User | null): void {
  user = next;
  // The account's language wins over the device's last choice.
  if (next && next.locale !== locale()) setLocale(next.locale);
  for (const l of listeners) l(user);
}

/** Resolves the session once per page load (a 401 just means signed out). */
export function loadSession(): Promise<User | null> {
  loaded ??= api<{ user: User }>('/auth/me').then(
    (r) => {
      set(r.user);
      return r.user;
    },
    (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) {
        set(null);
        return null;
      }
      loaded = null;
      throw e;
    },
  );
  return loaded;
}

export async function signIn(email: string, password: string): Promise<User> {
  const r = await api<{ user: User }>('/auth/login', { json: { email, password } });
  loaded = Promise.resolve(r.user);
  set(r.user);
  return r.user;
}

/** A session started elsewhere (claiming an account signs in too). */
export function adoptSession(next: User): void {
  loaded = Promise.resolve(next);
  set(next);
}

export async function signOut(): Promise<void> {
  await api<void>('/auth/logout', { method: 'POST' });
  loaded = Promise.resolve(null);
  set(null);
}

/** Switches the language; for a signed-in person also the account's, so the next sign-in keeps it. */
export async function chooseLocale(next: Locale): Promise<void> {
  setLocale(next);
  if (!user || user.locale === next) return;
  user = { ...user, locale: next };
  await api<{ user: User }>('/auth/me', { method: 'PATCH', json: { locale: next } });
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Where to go after signing in (the router's redirects drop query strings, so it is kept here). */
export function rememberAfterSignIn(path: string): void {
  afterSignIn = path;
}

export function takeAfterSignIn(): string | null {
  const p = afterSignIn;
  afterSignIn = null;
  return p;
}

export const isStaff = (u: User | null) => u?.role === 'officer' || u?.role === 'supervisor';
