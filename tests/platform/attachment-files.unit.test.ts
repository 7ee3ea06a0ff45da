import { describe, expect, it } from 'vitest';
import { readGps, stripGps } from '../../worker/platform/attachments/jpeg-gps';
import { sniffMediaType } from '../../worker/platform/attachments/sniff';
import { PDF_BYTES, PNG_BYTES, jpegWithGps } from '../support/jpeg-fixture';

describe('attachment content', () => {
  it('is recognised by its bytes, not its name', () => {
    expect(sniffMediaType(jpegWithGps({ lat: 25, long: 121 }))).toBe('image/jpeg');
    expect(sniffMediaType(PNG_BYTES)).toBe('image/png');
    expect(sniffMediaType(PDF_BYTES)).toBe('application/pdf');
    expect(sniffMediaType(new TextEncoder().encode('<script>alert(1)</script>'))).toBeNull();
    expect(sniffMediaType(new TextEncoder().encode('MZ\x90\x00'))).toBeNull();
    expect(sniffMediaType(new Uint8Array())).toBeNull();
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
});
