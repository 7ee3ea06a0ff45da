/**
 * What a file is, by its first bytes (magic numbers), never by its name or the type the client
 * claims: a script renamed to photo.jpg is refused.
 */
export const attachmentMediaTypes = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentMediaType = (typeof attachmentMediaTypes)[number];

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);

export function sniffMediaType(bytes: Uint8Array): AttachmentMediaType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  return null;
}

/** The extension a stored file is served with, whatever the uploaded name said. */
export const extensionOf: Record<AttachmentMediaType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
};
