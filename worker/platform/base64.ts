/** Base64 for bytes and UTF-8 text with the Workers' btoa/atob (which only take Latin-1 strings). */

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export const utf8ToBase64 = (text: string) => bytesToBase64(new TextEncoder().encode(text));
export const base64ToUtf8 = (b64: string) => new TextDecoder().decode(base64ToBytes(b64));

/** URL-safe, unpadded (RFC 4648 §5): for tokens and salts. */
export const bytesToBase64Url = (bytes: Uint8Array) =>
  bytesToBase64(bytes).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
export const base64UrlToBytes = (s: string) => base64ToBytes(s.replaceAll('-', '+').replaceAll('_', '/'));
