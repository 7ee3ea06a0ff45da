import { describe, expect, it } from 'vitest';
import { readGps, stripGps } from '../../worker/platform/attachments/jpeg-gps';
import { isHeif, sniffMediaType } from '../../worker/platform/attachments/sniff';
import { readWebpGps, stripWebpGps } from '../../worker/platform/attachments/webp-meta';
import { HEIC_BYTES, MP4_BYTES, PDF_BYTES, PNG_BYTES, WEBP_IMAGE_DATA, jpegWithGps, webpWithGps } from '../support/jpeg-fixture';

describe('attachment content', () => {
  it('is recognised by its bytes, not its name', () => {
    expect(sniffMediaType(jpegWithGps({ lat: 25, long: 121 }))).toBe('image/jpeg');
    expect(sniffMediaType(PNG_BYTES)).toBe('image/png');
    expect(sniffMediaType(PDF_BYTES)).toBe('application/pdf');
    expect(sniffMediaType(new TextEncoder().encode('<script>alert(1)</script>'))).toBeNull();
    expect(sniffMediaType(new TextEncoder().encode('MZ\x90\x00'))).toBeNull();
    expect(sniffMediaType(new Uint8Array())).toBeNull();
    expect(sniffMediaType(webpWithGps({ lat: 25, long: 121 }))).toBe('image/webp');
    // HEIC is recognised (to be refused with its own message); a video's ftyp box is not HEIC.
    expect(sniffMediaType(HEIC_BYTES)).toBeNull();
    expect(isHeif(HEIC_BYTES)).toBe(true);
    expect(isHeif(MP4_BYTES)).toBe(false);
    expect(isHeif(jpegWithGps({ lat: 25, long: 121 }))).toBe(false);
  });

  it('reads and removes the GPS position of a photo, in either byte order, keeping the rest', () => {
    for (const bigEndian of [false, true]) {
      const photo = jpegWithGps({ lat: 25.0339, long: 121.5645, bigEndian });
      const at = readGps(photo)!;
      expect(at.lat).toBeCloseTo(25.0339, 3);
      expect(at.long).toBeCloseTo(121.5645, 3);
      const { bytes, removed } = stripGps(photo);
      expect(removed).toBe(true);
      expect(bytes).toHaveLength(photo.length);
      expect(readGps(bytes)).toBeNull();
      // The position's digits are gone from the file, the orientation entry (0x0112) is still there.
      expect(Buffer.from(bytes).includes(Buffer.from(photo.slice(photo.length - 60, photo.length - 10)))).toBe(false);
      expect(Buffer.from(bytes).includes(Buffer.from(bigEndian ? [0x01, 0x12] : [0x12, 0x01]))).toBe(true);
      expect(stripGps(bytes).removed).toBe(false);
    }
    expect(readGps(jpegWithGps({ lat: -33.86, long: -151.2 }))!.long).toBeCloseTo(-151.2, 3);
  });

  it('leaves photos without location and broken EXIF blocks alone, without throwing', () => {
    const plain = new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2, 1, 2, 0xff, 0xd9]);
    expect(readGps(plain)).toBeNull();
    expect(stripGps(plain)).toEqual({ bytes: plain, removed: false });
    const truncated = jpegWithGps({ lat: 25, long: 121 }).slice(0, 60);
    expect(() => readGps(truncated)).not.toThrow();
    expect(() => stripGps(truncated)).not.toThrow();
  });

  it('WebP: reads the EXIF position, empties the GPS directory, drops the XMP chunk and keeps the image and orientation', () => {
    for (const [bigEndian, exifPrefix] of [[false, false], [true, true], [false, true]] as const) {
      const photo = webpWithGps({ lat: 25.0578, long: 121.5441, bigEndian, exifPrefix });
      const at = readWebpGps(photo)!;
      expect(at.lat).toBeCloseTo(25.0578, 3);
      expect(at.long).toBeCloseTo(121.5441, 3);
      const { bytes, removed } = stripWebpGps(photo);
      expect(removed).toBe(true);
      expect(readWebpGps(bytes)).toBeNull();
      const text = Buffer.from(bytes).toString('latin1');
      expect(text).not.toContain('GPSLatitude');
      expect(text).not.toContain('XMP ');
      // The RIFF size matches, the VP8X flags say EXIF but no longer XMP, the image data is untouched.
      expect(Buffer.from(bytes).readUInt32LE(4)).toBe(bytes.length - 8);
      expect(bytes[20]! & 0x04).toBe(0);
      expect(bytes[20]! & 0x08).toBe(0x08);
      expect(Buffer.from(bytes).includes(Buffer.from(WEBP_IMAGE_DATA))).toBe(true);
      expect(Buffer.from(bytes).includes(Buffer.from(bigEndian ? [0x01, 0x12] : [0x12, 0x01]))).toBe(true);
      expect(stripWebpGps(bytes).removed).toBe(false);
    }
  });

  it('WebP: broken or truncated files are left without throwing', () => {
    const photo = webpWithGps({ lat: 25, long: 121 });
    for (const cut of [16, 30, 60, 90, photo.length - 20]) {
      const part = photo.slice(0, cut);
      expect(() => readWebpGps(part)).not.toThrow();
      expect(() => stripWebpGps(part)).not.toThrow();
    }
    expect(stripWebpGps(PNG_BYTES)).toEqual({ bytes: PNG_BYTES, removed: false });
  });
});
