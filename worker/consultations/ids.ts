/** Identifiers of the consultation leg: Crockford base-32, never guessable in sequence. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomCrockford(n: number): string {
  let out = '';
  for (const b of crypto.getRandomValues(new Uint8Array(n))) out += CROCKFORD[b & 31];
  return out;
}

/** `C20261130-7KQ2MX`: the Taipei publication-preparation date and six random characters. */
export function newConsultationId(taipeiDate: string): string {
  return `C${taipeiDate.replaceAll('-', '')}-${randomCrockford(6)}`;
}

export const newCommentId = (): string => `K${randomCrockford(12)}`;
export const newDispositionId = (): string => `D${randomCrockford(12)}`;
