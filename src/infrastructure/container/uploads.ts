import { FilesystemMediaStorage } from '../../adapters/media/filesystem-media-storage';
import { SharpImageProcessor } from '../../adapters/media/sharp-image-processor';
import type { RequestAuthenticator } from '../../adapters/http/auth/request-authenticator';
import type { Feature } from '../../adapters/http/feature-routes';
import { uploadsFeature } from '../../adapters/http/uploads/uploads.router';
import type { MediaStorage } from '../../application/ports/media-storage.port';
import { ReadUploadedFile } from '../../application/uploads/read-uploaded-file.use-case';
import { UploadMedia } from '../../application/uploads/upload-media.use-case';
import type { UploadLimits } from '../../domain/uploads/upload-policy';
import type { PumphouseConfig } from '../config/pumphouse-config';
import type { Ports } from './ports';
import type { UseCases } from './use-cases';

/** The upload limits of the configuration (the `upload*` keys). */
export function uploadLimitsOf(config: PumphouseConfig): UploadLimits {
  return {
    maxBytes: config.uploadMaxBytes,
    maxPixels: config.uploadMaxPixels,
    quotaBytes: config.uploadQuotaBytes,
    allowedTypes: config.uploadTypes,
  };
}

/** The media store of `uploadsDir`, or null when `enableUploads` is off. */
export function mediaStorageOf(config: PumphouseConfig): MediaStorage | null {
  return config.enableUploads ? new FilesystemMediaStorage(config.uploadsDir) : null;
}

/** The upload use cases, shared by the API's uploads and the web pages' forms. */
export interface MediaUploads {
  readonly uploadMedia: UploadMedia;
  readonly readUploadedFile: ReadUploadedFile;
  readonly maxBytes: number;
}

/** Builds the upload use cases over `media`, or none when uploads are off (`media` null). */
export function buildMediaUploads(ports: Ports, media: MediaStorage | null): MediaUploads | null {
  const { config, storage, site } = ports;
  if (media === null) return null;
  const limits = uploadLimitsOf(config);
  return {
    uploadMedia: new UploadMedia({
      storage,
      media,
      images: new SharpImageProcessor(),
      site,
      ids: ports.ids,
      clock: ports.clock,
      limits,
      sanitizer: ports.sanitizer,
    }),
    readUploadedFile: new ReadUploadedFile({ repositories: storage, media, site }),
    maxBytes: limits.maxBytes,
  };
}

/**
 * The uploads feature, or none when `enableUploads` is off: then neither the upload routes nor `/uploads/...`
 * exist, as in pump.io.
 */
export function buildUploadsFeature(
  ports: Ports,
  useCases: UseCases,
  authenticator: RequestAuthenticator,
  uploads: MediaUploads | null,
): Feature[] {
  if (uploads === null) return [];
  return [
    uploadsFeature({
      authenticator,
      site: ports.site,
      repositories: ports.storage,
      uploadMedia: uploads.uploadMedia,
      readUploadedFile: uploads.readUploadedFile,
      readUserStream: useCases.reading.readUserStream,
      maxBytes: uploads.maxBytes,
    }),
  ];
}
