/**
 * A tiny JPEG with an EXIF block that carries orientation and a GPS position, as phones write
 * them (little- or big-endian TIFF), for the attachment tests.
 */
export function jpegWithGps(opts: { lat: number; long: number; bigEndian?: boolean }): Uint8Array {
  const exif = [0x45, 0x78, 0x69, 0x66, 0, 0, ...exifTiff(opts)];
  const app1 = [0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff, ...exif];
  // SOI, APP1, a stand-in for the image data, EOI.
  return new Uint8Array([0xff, 0xd8, ...app1, 0xff, 0xda, 0x00, 0x02, 1, 2, 3, 4, 0xff, 0xd9]);
}

/** The TIFF block of an EXIF record with orientation 6 and a GPS position. */
function exifTiff(opts: { lat: number; long: number; bigEndian?: boolean }): number[] {
  const le = !opts.bigEndian;
  const tiff: number[] = [];
  const u16 = (v: number) => (le ? [v & 0xff, v >> 8] : [v >> 8, v & 0xff]);
  const u32 = (v: number) => (le ? [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24] : [v >>> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff]);
  const entry = (tag: number, type: number, count: number, value: number[]) => [...u16(tag), ...u16(type), ...u32(count), ...value];
  const dms = (deg: number) => {
    const d = Math.floor(deg);
    const m = Math.floor((deg - d) * 60);
    const s = Math.round(((deg - d) * 60 - m) * 60 * 100);
    return [...u32(d), ...u32(1), ...u32(m), ...u32(1), ...u32(s), ...u32(100)];
  };
  // Header (8) · IFD0 at 8: 2 entries (orientation, GPS pointer) = 2 + 24 + 4 = 30 → GPS IFD at 38:
  // 4 entries = 2 + 48 + 4 = 54 → rationals at 92 (lat, 24 bytes) and 116 (long, 24 bytes).
  tiff.push(...(le ? [0x49, 0x49] : [0x4d, 0x4d]), ...u16(42), ...u32(8));
  tiff.push(...u16(2), ...entry(0x0112, 3, 1, [...u16(6), 0, 0]), ...entry(0x8825, 4, 1, u32(38)), ...u32(0));
  tiff.push(
    ...u16(4),
    ...entry(1, 2, 2, [opts.lat < 0 ? 0x53 : 0x4e, 0, 0, 0]),
    ...entry(2, 5, 3, u32(92)),
    ...entry(3, 2, 2, [opts.long < 0 ? 0x57 : 0x45, 0, 0, 0]),
    ...entry(4, 5, 3, u32(116)),
    ...u32(0),
  );
  tiff.push(...dms(Math.abs(opts.lat)), ...dms(Math.abs(opts.long)));
  return tiff;
}

const fourcc = (s: string) => [...s].map((c) => c.charCodeAt(0));
const le32 = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24];
const chunk = (id: string, data: number[]) => [...fourcc(id), ...le32(data.length), ...data, ...(data.length & 1 ? [0] : [])];

/** The stand-in image data of the WebP fixture ('VP8 ' chunk), to check it survives untouched. */
export const WEBP_IMAGE_DATA = [0x9d, 0x01, 0x2a, 1, 0, 1, 0, 7, 7, 7, 7];

/**
 * A tiny extended WebP (VP8X) with an EXIF chunk (with or without the "Exif\0\0" prefix some
 * writers put there) and an XMP chunk that repeats the position, as phone and editing apps write.
 */
export function webpWithGps(opts: { lat: number; long: number; bigEndian?: boolean; exifPrefix?: boolean }): Uint8Array {
  const tiff = exifTiff(opts);
  const xmp = new TextEncoder().encode(
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description exif:GPSLatitude="25,3.47N" exif:GPSLongitude="121,33.87E"/></rdf:RDF></x:xmpmeta>`,
  );
  const body = [
    ...fourcc('WEBP'),
    // VP8X: flags (EXIF 0x08 | XMP 0x04), 3 reserved bytes, canvas width-1 and height-1 (24 bits each).
    ...chunk('VP8X', [0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    ...chunk('VP8 ', WEBP_IMAGE_DATA),
    ...chunk('EXIF', [...(opts.exifPrefix ? [0x45, 0x78, 0x69, 0x66, 0, 0] : []), ...tiff]),
    ...chunk('XMP ', [...xmp]),
  ];
  return new Uint8Array([...fourcc('RIFF'), ...le32(body.length), ...body]);
}

/** The start of an iPhone HEIC photo: an ISO-BMFF 'ftyp' box with the heic and mif1 brands. */
export const HEIC_BYTES = new Uint8Array([0, 0, 0, 24, ...fourcc('ftypheic'), 0, 0, 0, 0, ...fourcc('mif1heic'), 0, 0, 0, 8, ...fourcc('meta')]);
/** An MP4 video: also an 'ftyp' box, but no HEIF brand. */
export const MP4_BYTES = new Uint8Array([0, 0, 0, 24, ...fourcc('ftypisom'), 0, 0, 2, 0, ...fourcc('isomiso2'), 0, 0, 0, 8, ...fourcc('free')]);

export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
export const PDF_BYTES = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
