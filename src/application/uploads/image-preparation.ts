import { mediaTypeRuleOf } from '../../domain/uploads/media-types';
import {
  AVATAR_SIDE,
  checkPixels,
  notAnImage,
  THUMBNAIL_MAX_SIDE,
  tooManyPixels,
  type UploadLimits,
} from '../../domain/uploads/upload-policy';
import {
  type ImageProcessor,
  ImageTooLarge,
  ImageUndecodable,
  type ProcessedImage,
} from '../ports/image-processor.port';

/** An uploaded image ready to store: the full image, cleaned, and its thumbnail. */
export interface PreparedImage {
  readonly full: ProcessedImage;
  readonly thumbnail: ProcessedImage;
  readonly thumbnailExtension: string;
}

/**
 * Checks that `bytes` are an image of the declared type within the pixel limit (read from the header, before
 * decoding anything), then cleans it and makes its thumbnail: at most {@link THUMBNAIL_MAX_SIDE} on its largest
 * side, or for an avatar a square of {@link AVATAR_SIDE}. Whatever the processor cannot decode is the
 * client's bad file (400), never a server error.
 */
export async function prepareImage(
  images: ImageProcessor,
  mimeType: string,
  bytes: Uint8Array,
  limits: UploadLimits,
  avatar = false,
): Promise<PreparedImage> {
  const probe = await images.probe(bytes);
  if (probe === null || probe.mimeType !== mimeType) {
    throw notAnImage(mimeType);
  }
  checkPixels(probe.width, probe.height, limits);
  try {
    const full = await images.prepare(bytes, limits.maxPixels);
    const thumbnail = avatar
      ? await images.square(full, AVATAR_SIDE)
      : await images.thumbnail(full, THUMBNAIL_MAX_SIDE);
    const extension = mediaTypeRuleOf(thumbnail.mimeType)?.extension;
    if (extension === undefined) throw new ImageUndecodable(`thumbnail of type ${thumbnail.mimeType}`);
    return { full, thumbnail, thumbnailExtension: extension };
  } catch (error) {
    if (error instanceof ImageTooLarge) throw tooManyPixels(limits.maxPixels);
    if (error instanceof ImageUndecodable) throw notAnImage(mimeType);
    throw error;
  }
}
