import { FilesystemMediaStorage } from '../../adapters/media/filesystem-media-storage';
import { SharpImageProcessor } from '../../adapters/media/sharp-image-processor';
import type { RequestAuthenticator } from '../../adapters/http/auth/request-authenticator';
import type { Feature } from '../../adapters/http/feature-routes';
import { uploadsFeature } from '../../adapters/http/uploads/uploads.router';
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

/**
 * The uploads feature with its media store (a folder, `uploadsDir`) and image processor, or none when
 * `enableUploads` is off: then neither the upload routes nor `/uploads/...` exist, as in pump.io.
 */
export function buildUploadsFeature(
  ports: Ports,
  useCases: UseCases,
  authenticator: RequestAuthenticator,
): Feature[] {
  const { config, storage, site } = ports;
  if (!config.enableUploads) return [];
  const media = new FilesystemMediaStorage(config.uploadsDir);
  const limits = uploadLimitsOf(config);
  return [
    uploadsFeature({
      authenticator,
      site,
      repositories: storage,
      uploadMedia: new UploadMedia({
        storage,
        media,
        images: new SharpImageProcessor(),
        site,
        ids: ports.ids,
        clock: ports.clock,
        limits,
      }),
      readUploadedFile: new ReadUploadedFile({ repositories: storage, media, site }),
      readUserStream: useCases.reading.readUserStream,
      maxBytes: limits.maxBytes,
    }),
  ];
}
