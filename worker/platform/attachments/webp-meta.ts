/**
 * Location metadata in WebP photos. A WebP file is a RIFF container of chunks; EXIF sits in an
 * 'EXIF' chunk (a TIFF block, sometimes behind an "Exif\0\0" prefix, as in JPEG) and XMP in an
 * 'XMP ' chunk. The EXIF GPS directory is emptied in place like JPEG's (jpeg-gps.ts); the XMP
 * chunk, which can repeat the position as exif:GPSLatitude/GPSLongitude, is dropped whole (with
 * its flag in the VP8X header and the RIFF size made to match).
 */
import { type GpsPoint, type Tiff, blankTiffGps, readTiffGps, tiffAt } from './jpeg-gps';

interface Chunk {
  fourcc: string;
  /** Offset of the chunk header (fourcc) in the file. */
  at: number;
  /** Offset and length of the payload. */
  data: number;
  size: number;
  /** Offset after the chunk, padding included. */
  end: number;
}

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));
const le32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

export const isWebp = (b: Uint8Array) => b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP';

/** The chunks of a WebP file, stopping at the first one that does not fit (a truncated file). */
function chunks(b: Uint8Array): Chunk[] {
  const out: Chunk[] = [];
  let p = 12;
  while (p + 8 <= b.length) {
    const size = le32(b, p + 4);
    const data = p + 8;
    if (data + size > b.length) break;
    const end = data + size + (size & 1);
    out.push({ fourcc: ascii(b, p, 4), at: p, data, size, end: Math.min(end, b.length) });
    p = end;
  }
  return out;
}

/** The TIFF block of each EXIF chunk, bounded by its chunk. */
function exifTiffs(b: Uint8Array): Tiff[] {
  const out: Tiff[] = [];
  for (const c of chunks(b)) {
    if (c.fourcc !== 'EXIF') continue;
    const payload = b.subarray(c.data, c.data + c.size);
    const t = tiffAt(payload, ascii(payload, 0, 4) === 'Exif' ? 6 : 0);
    if (t) out.push(t);
  }
  return out;
}

export function readWebpGps(b: Uint8Array): GpsPoint | null {
  return isWebp(b) ? readTiffGps(exifTiffs(b)) : null;
}

const XMP_FLAG = 0x04;

/** A copy of the photo without its EXIF GPS directory and without XMP; `removed` if either held a position. */
export function stripWebpGps(bytes: Uint8Array): { bytes: Uint8Array; removed: boolean } {
  if (!isWebp(bytes)) return { bytes, removed: false };
  const copy = bytes.slice();
  let removed = blankTiffGps(exifTiffs(copy));
  const all = chunks(copy);
  const xmp = all.filter((c) => c.fourcc === 'XMP ');
  if (xmp.length === 0) return { bytes: copy, removed };
  removed ||= xmp.some((c) => /GPS(Latitude|Longitude)/.test(new TextDecoder().decode(copy.subarray(c.data, c.data + c.size))));
  const kept = all.filter((c) => c.fourcc !== 'XMP ');
  const last = all[all.length - 1]!;
  // Whatever follows the last whole chunk (nothing, in a well-formed file) is kept as it was.
  const parts = [copy.subarray(0, 12), ...kept.map((c) => copy.subarray(c.at, c.end)), copy.subarray(last.end)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  new DataView(out.buffer).setUint32(4, out.length - 8, true);
  const vp8x = chunks(out).find((c) => c.fourcc === 'VP8X');
  if (vp8x && vp8x.size > 0) out[vp8x.data] = out[vp8x.data]! & ~XMP_FLAG;
  return { bytes: out, removed };
}
