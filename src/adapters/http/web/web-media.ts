import type { SiteUrls } from '../../../domain/site/site-urls';
import { record, text } from './web-json';
import { safeHref } from './web-view-models';

/**
 * What a page shows of an object's media (docs/protocol.md §5.2): an image (its thumbnail, linking to the full
 * image), a sound or a video to play, or a file to download. Every URL is a safe link (http(s), or a path of this
 * site for its own uploads, so the page reads them with the viewer's session).
 */
export type MediaView =
  | {
      readonly kind: 'image';
      readonly src: string;
      readonly href: string;
      readonly width: number | null;
      readonly height: number | null;
    }
  | { readonly kind: 'audio' | 'video'; readonly src: string }
  | { readonly kind: 'file'; readonly href: string; readonly mimeType: string | null };

const dimension = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 100_000 ? value : null;

/**
 * A safe link ({@link safeHref}) from stored data, a URL of this site made its path (the browser stays on the
 * page's origin, with its session); null when unsafe.
 */
export function localLink(site: SiteUrls, value: unknown): string | null {
  const url = safeHref(value);
  if (url === null) return null;
  return url.startsWith(site.url('')) ? new URL(url).pathname : url;
}

/**
 * The media of a presented object, or null: `image.url` (and `fullImage.url`) of an image, `stream.url` of audio
 * and video, `fileUrl` of a file.
 */
export function mediaOf(doc: Record<string, unknown>, site: SiteUrls): MediaView | null {
  const link = (value: unknown): string | null => localLink(site, value);
  switch (text(doc.objectType)) {
    case 'image': {
      const image = record(doc.image);
      const src = link(image?.url) ?? link(record(doc.fullImage)?.url);
      if (src === null) return null;
      const href = link(record(doc.fullImage)?.url) ?? src;
      return { kind: 'image', src, href, width: dimension(image?.width), height: dimension(image?.height) };
    }
    case 'audio':
    case 'video': {
      const src = link(record(doc.stream)?.url);
      return src === null ? null : { kind: doc.objectType as 'audio' | 'video', src };
    }
    case 'file': {
      const href = link(doc.fileUrl);
      return href === null ? null : { kind: 'file', href, mimeType: text(doc.mimeType) };
    }
    default:
      return null;
  }
}
