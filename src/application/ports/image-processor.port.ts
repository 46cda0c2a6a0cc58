/** An encoded image with what a probe learnt of it. */
export interface ProcessedImage {
  readonly bytes: Uint8Array;
  /** `image/jpeg`, `image/png`, ... */
  readonly mimeType: string;
  readonly width: number;
  readonly height: number;
}

/** What an image file claims: its format as a media type, and its size in pixels. */
export interface ImageProbe {
  readonly mimeType: string;
  readonly width: number;
  readonly height: number;
}

/**
 * Reads and re-encodes uploaded images.
 *
 * Every adapter honours: `probe` reads the header only, and answers null for bytes that are no image it can decode
 * (never throws for bad input); `prepare` decodes the whole image (refusing one of more than `maxPixels` pixels
 * without decoding it: it rejects with {@link ImageTooLarge}; anything it cannot decode rejects with
 * {@link ImageUndecodable}), turns it upright as its EXIF orientation says, and re-encodes it in its own format
 * without any metadata (EXIF, GPS location, XMP, comments); `thumbnail` makes an image of the same format whose
 * largest side is at most `maxSide`, never enlarged; `square` makes one of the same format exactly `side` pixels on
 * each side, cut from the middle of the image (an avatar's thumbnail, as pump.io makes it).
 */
export interface ImageProcessor {
  probe(bytes: Uint8Array): Promise<ImageProbe | null>;
  prepare(bytes: Uint8Array, maxPixels: number): Promise<ProcessedImage>;
  thumbnail(image: ProcessedImage, maxSide: number): Promise<ProcessedImage>;
  square(image: ProcessedImage, side: number): Promise<ProcessedImage>;
}
export const ImageProcessor = Symbol('ImageProcessor');

/** The image decodes to more pixels than allowed. */
export class ImageTooLarge extends Error {
  override readonly name = 'ImageTooLarge';
}

/** The bytes do not decode as an image. */
export class ImageUndecodable extends Error {
  override readonly name = 'ImageUndecodable';
}
