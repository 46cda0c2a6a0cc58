import sharp, { type Sharp } from 'sharp';

import {
  type ImageProbe,
  type ImageProcessor,
  ImageTooLarge,
  ImageUndecodable,
  type ProcessedImage,
} from '../../application/ports/image-processor.port';

/** sharp's format names and the media types they are stored as. */
const MEDIA_TYPE_OF_FORMAT: Readonly<Record<string, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
};

// sharp's message when an input is over `limitInputPixels` (libvips: "Input image exceeds pixel limit").
const PIXEL_LIMIT = /pixel limit/i;

/**
 * The {@link ImageProcessor} on sharp (libvips): chosen because it is maintained, fast, ships libvips as npm
 * packages (no system library), and refuses an image over a pixel limit from its header, before decoding it
 * (`limitInputPixels`), which is what a decompression bomb needs.
 *
 * Each image is re-encoded in its own format: sharp writes no metadata unless asked (`keepMetadata`), so EXIF (GPS
 * location included), XMP and ICC comments are gone. `failOn: 'error'` refuses truncated or corrupt data instead of
 * decoding what it can. GIF and WebP keep all their frames.
 */
export class SharpImageProcessor implements ImageProcessor {
  async probe(bytes: Uint8Array): Promise<ImageProbe | null> {
    try {
      // No pixel limit here: the probe reads the header only, and the caller compares the size with its limit.
      const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
      const mimeType = meta.format === undefined ? undefined : MEDIA_TYPE_OF_FORMAT[meta.format];
      if (mimeType === undefined || meta.width === undefined || meta.height === undefined) return null;
      // An animation's height is the sum of its pages'; the picture is one page high.
      const height = meta.pageHeight ?? meta.height;
      return { mimeType, width: meta.width, height };
    } catch {
      return null;
    }
  }

  async prepare(bytes: Uint8Array, maxPixels: number): Promise<ProcessedImage> {
    return this.run(() => {
      const animated = true;
      const image = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error', animated });
      // autoOrient turns the picture upright by its EXIF orientation, before that tag is dropped with the rest.
      return image.autoOrient();
    });
  }

  async thumbnail(image: ProcessedImage, maxSide: number): Promise<ProcessedImage> {
    return this.run(() =>
      sharp(image.bytes, { limitInputPixels: false, animated: true }).resize(maxSide, maxSide, {
        fit: 'inside',
        withoutEnlargement: true,
      }),
    );
  }

  async square(image: ProcessedImage, side: number): Promise<ProcessedImage> {
    // One frame: an animated avatar would be cut page by page, and pump.io's avatars are still images too.
    return this.run(() =>
      sharp(image.bytes, { limitInputPixels: false }).resize(side, side, {
        fit: 'cover',
        position: 'centre',
      }),
    );
  }

  /** Encodes in the input's own format and reads back what was written. */
  private async run(build: () => Sharp): Promise<ProcessedImage> {
    try {
      const pipeline = build();
      const { format } = await pipeline.metadata();
      const mimeType = format === undefined ? undefined : MEDIA_TYPE_OF_FORMAT[format];
      if (mimeType === undefined || format === undefined)
        throw new ImageUndecodable(`format ${String(format)}`);
      const { data, info } = await pipeline
        .toFormat(format as keyof sharp.FormatEnum)
        .toBuffer({ resolveWithObject: true });
      const height = info.pageHeight ?? info.height;
      return { bytes: data, mimeType, width: info.width, height };
    } catch (error) {
      if (error instanceof ImageUndecodable) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw PIXEL_LIMIT.test(message) ? new ImageTooLarge(message) : new ImageUndecodable(message);
    }
  }
}
