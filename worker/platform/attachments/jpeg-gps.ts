/**
 * Location metadata in JPEG photos (the EXIF GPS directory): read it, so a citizen may choose to
 * use it as the case location, and blank it out before the photo is stored. The GPS directory is
 * emptied in place (same length, offsets untouched), so the rest of the EXIF data (orientation,
 * time) stays valid.
 */

export interface GpsPoint {
  lat: number;
  long: number;
}

export interface Tiff {
  view: DataView;
  /** Offset of the TIFF header inside the buffer. */
  base: number;
  little: boolean;
}

const GPS_IFD_TAG = 0x8825;
const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };

/** The TIFF block of each APP1 "Exif" segment before the image data. */
function exifBlocks(bytes: Uint8Array): Tiff[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Tiff[] = [];
  let p = 2;
  while (p + 4 <= bytes.length && bytes[p] === 0xff) {
    const marker = bytes[p + 1]!;
    if (marker === 0xda || marker === 0xd9) break; // start of scan / end of image
    const len = view.getUint16(p + 2);
    if (len < 2 || p + 2 + len > bytes.length) break;
    if (marker === 0xe1 && len >= 16 && String.fromCharCode(...bytes.subarray(p + 4, p + 8)) === 'Exif' && bytes[p + 8] === 0 && bytes[p + 9] === 0) {
      const base = p + 10;
      const order = view.getUint16(base);
      if (order === 0x4949 || order === 0x4d4d) out.push({ view, base, little: order === 0x4949 });
    }
    p += 2 + len;
  }
  return out;
}

/** A TIFF (EXIF) block starting at `base` of the buffer, or null if no valid byte-order mark is there. */
export function tiffAt(bytes: Uint8Array, base: number): Tiff | null {
  if (base < 0 || base + 8 > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const order = view.getUint16(base);
  return order === 0x4949 || order === 0x4d4d ? { view, base, little: order === 0x4949 } : null;
}

function u16(t: Tiff, off: number): number {
  return t.view.getUint16(t.base + off, t.little);
}
function u32(t: Tiff, off: number): number {
  return t.view.getUint32(t.base + off, t.little);
}
function inside(t: Tiff, off: number, len: number): boolean {
  return off >= 0 && t.base + off + len <= t.view.byteLength;
}

function fill(t: Tiff, off: number, len: number): void {
  new Uint8Array(t.view.buffer, t.view.byteOffset + t.base + off, len).fill(0);
}

/** Offset (from the TIFF base) of the GPS directory named in IFD0, or null. */
function gpsDirectory(t: Tiff): number | null {
  if (!inside(t, 4, 4)) return null;
  const ifd0 = u32(t, 4);
  if (!inside(t, ifd0, 2)) return null;
  const n = u16(t, ifd0);
  for (let i = 0; i < n; i++) {
    const e = ifd0 + 2 + i * 12;
    if (!inside(t, e, 12)) return null;
    if (u16(t, e) === GPS_IFD_TAG) {
      const off = u32(t, e + 8);
      return inside(t, off, 2) ? off : null;
    }
  }
  return null;
}

function rationals(t: Tiff, off: number, count: number): number[] | null {
  if (!inside(t, off, count * 8)) return null;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const den = u32(t, off + i * 8 + 4);
    if (den === 0) return null;
    out.push(u32(t, off + i * 8) / den);
  }
  return out;
}

export function readGps(bytes: Uint8Array): GpsPoint | null {
  return readTiffGps(exifBlocks(bytes));
}

/** The first GPS position in these TIFF blocks (JPEG APP1, WebP EXIF chunk), or null. */
export function readTiffGps(tiffs: Tiff[]): GpsPoint | null {
  for (const t of tiffs) {
    const dir = gpsDirectory(t);
    if (dir === null) continue;
    const entries = new Map<number, { type: number; count: number; at: number }>();
    const n = u16(t, dir);
    for (let i = 0; i < n; i++) {
      const e = dir + 2 + i * 12;
      if (!inside(t, e, 12)) break;
      entries.set(u16(t, e), { type: u16(t, e + 2), count: u32(t, e + 4), at: e + 8 });
    }
    const ref = (tag: number) => {
      const e = entries.get(tag);
      return e ? String.fromCharCode(t.view.getUint8(t.base + e.at)) : '';
    };
    const coord = (tag: number) => {
      const e = entries.get(tag);
      if (!e || e.type !== 5 || e.count !== 3) return null;
      const v = rationals(t, u32(t, e.at), 3);
      return v ? v[0]! + v[1]! / 60 + v[2]! / 3600 : null;
    };
    const lat = coord(2);
    const long = coord(4);
    if (lat === null || long === null) continue;
    return { lat: ref(1) === 'S' ? -lat : lat, long: ref(3) === 'W' ? -long : long };
  }
  return null;
}

/** A copy of the photo with every GPS directory emptied (values and entries zeroed). */
export function stripGps(bytes: Uint8Array): { bytes: Uint8Array; removed: boolean } {
  const copy = bytes.slice();
  return { bytes: copy, removed: blankTiffGps(exifBlocks(copy)) };
}

/** Empties every GPS directory of these TIFF blocks in place; true if one had entries. */
export function blankTiffGps(tiffs: Tiff[]): boolean {
  let removed = false;
  for (const t of tiffs) {
    const dir = gpsDirectory(t);
    if (dir === null) continue;
    const n = u16(t, dir);
    for (let i = 0; i < n; i++) {
      const e = dir + 2 + i * 12;
      if (!inside(t, e, 12)) break;
      const size = (TYPE_SIZES[u16(t, e + 2)] ?? 1) * u32(t, e + 4);
      // Values over 4 bytes live elsewhere in the block: blank them too.
      if (size > 4) {
        const at = u32(t, e + 8);
        if (inside(t, at, size)) fill(t, at, size);
      }
      fill(t, e, 12);
    }
    // An empty directory: zero entries, then the (zeroed) next-directory offset.
    t.view.setUint16(t.base + dir, 0, t.little);
    if (inside(t, dir + 2, 4)) t.view.setUint32(t.base + dir + 2, 0, t.little);
    removed = removed || n > 0;
  }
  return removed;
}
