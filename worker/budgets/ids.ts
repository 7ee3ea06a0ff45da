const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomCrockford(n: number): string {
  let out = '';
  for (const b of crypto.getRandomValues(new Uint8Array(n))) out += CROCKFORD[b & 31];
  return out;
}

/** Round ids: `R-` and 8 random Crockford base-32 characters (~1e12). */
export const newRoundId = (): string => `R-${randomCrockford(8)}`;
/** Project ids of proposals: `P-` and 6 characters, unique within the round. */
export const newProjectId = (): string => `P-${randomCrockford(6)}`;
