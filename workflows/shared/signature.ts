/**
 * HMAC-SHA256 request signing between the Temporal worker process and the edge's internal
 * routes. WebCrypto only, so both Node and workerd run the same code.
 * Signed string: `<unix seconds>.<raw body>`; requests older than the tolerance are refused.
 */

const encoder = new TextEncoder();

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

function toHex(buf: ArrayBuffer): string {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^(?:[0-9a-f]{2})+$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export async function signBody(secret: string, body: string, unixSeconds: number): Promise<string> {
  const key = await hmacKey(secret);
  return toHex(await crypto.subtle.sign('HMAC', key, encoder.encode(`${unixSeconds}.${body}`)));
}

export async function verifyBody(
  secret: string,
  body: string,
  timestamp: string | undefined,
  signature: string | undefined,
  nowUnixSeconds: number,
  toleranceSeconds = 300,
): Promise<boolean> {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowUnixSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const sig = fromHex(signature);
  if (!sig) return false;
  const key = await hmacKey(secret);
  // crypto.subtle.verify compares in constant time.
  return crypto.subtle.verify('HMAC', key, sig, encoder.encode(`${timestamp}.${body}`));
}
