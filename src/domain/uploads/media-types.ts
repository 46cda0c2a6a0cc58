/** What an upload becomes (docs/protocol.md §10.1): `image/*` an image, `audio/*` audio, `video/*` video, else a file. */
export type MediaKind = 'image' | 'audio' | 'video' | 'file';

/** A media type Pumphouse knows how to store: its kind, its file extension, and how its bytes begin. */
export interface MediaTypeRule {
  readonly kind: MediaKind;
  readonly extension: string;
  /** True when `head` (the first bytes of the file, up to {@link SIGNATURE_BYTES}) is a file of this type. */
  readonly matches: (head: Uint8Array) => boolean;
}

/** How many leading bytes the signature checks read. */
export const SIGNATURE_BYTES = 64;

const startsWith =
  (...bytes: number[]) =>
  (head: Uint8Array): boolean =>
    bytes.every((byte, at) => head[at] === byte);

const ascii = (text: string, at = 0) => {
  const codes = [...text].map((char) => char.charCodeAt(0));
  return (head: Uint8Array): boolean => codes.every((code, i) => head[at + i] === code);
};

const either =
  (...tests: Array<(head: Uint8Array) => boolean>) =>
  (head: Uint8Array): boolean =>
    tests.some((test) => test(head));

const both =
  (...tests: Array<(head: Uint8Array) => boolean>) =>
  (head: Uint8Array): boolean =>
    tests.every((test) => test(head));

/** An MPEG audio frame header: 11 sync bits (ISO/IEC 11172-3, section 2.4.2.3). */
const mpegFrame = (head: Uint8Array): boolean => head[0] === 0xff && (head[1] & 0xe0) === 0xe0;

/** ISO base media files (MP4, QuickTime): a box of type `ftyp` first, or `moov`/`mdat`/`wide` for old QuickTime. */
const isoBox = either(ascii('ftyp', 4), ascii('moov', 4), ascii('mdat', 4), ascii('wide', 4));

/** Text: no NUL byte and no other C0 control but tab, line feed, form feed and carriage return. */
const plainText = (head: Uint8Array): boolean =>
  head.every((byte) => byte >= 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d);

/**
 * Every media type an upload may have, with the signatures its files begin with. The extensions are pump.io's
 * (lib/mimemap.js), so a pump.io upload URL keeps its meaning. SVG is not here: it is a document that runs
 * scripts, not a picture, and no signature tells a harmless one from another.
 */
export const MEDIA_TYPES: Readonly<Record<string, MediaTypeRule>> = {
  'image/jpeg': { kind: 'image', extension: 'jpg', matches: startsWith(0xff, 0xd8, 0xff) },
  'image/png': {
    kind: 'image',
    extension: 'png',
    matches: startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
  },
  'image/gif': { kind: 'image', extension: 'gif', matches: either(ascii('GIF87a'), ascii('GIF89a')) },
  'image/webp': { kind: 'image', extension: 'webp', matches: both(ascii('RIFF'), ascii('WEBP', 8)) },
  'audio/mpeg': { kind: 'audio', extension: 'mp3', matches: either(ascii('ID3'), mpegFrame) },
  'audio/ogg': { kind: 'audio', extension: 'ogg', matches: ascii('OggS') },
  'audio/flac': { kind: 'audio', extension: 'flac', matches: ascii('fLaC') },
  'audio/x-wav': { kind: 'audio', extension: 'wav', matches: both(ascii('RIFF'), ascii('WAVE', 8)) },
  'video/mp4': { kind: 'video', extension: 'mp4', matches: isoBox },
  'video/quicktime': { kind: 'video', extension: 'mov', matches: isoBox },
  'video/webm': { kind: 'video', extension: 'webm', matches: startsWith(0x1a, 0x45, 0xdf, 0xa3) },
  'video/ogg': { kind: 'video', extension: 'ogv', matches: ascii('OggS') },
  'application/pdf': { kind: 'file', extension: 'pdf', matches: ascii('%PDF-') },
  'text/plain': { kind: 'file', extension: 'txt', matches: plainText },
};

/** The media types uploads accept unless the configuration says otherwise: every one Pumphouse knows. */
export const DEFAULT_UPLOAD_TYPES: readonly string[] = Object.keys(MEDIA_TYPES);

/** The rule of `mimeType` (an essence, see {@link essenceOf}), or null when Pumphouse does not store that type. */
export function mediaTypeRuleOf(mimeType: string): MediaTypeRule | null {
  return Object.hasOwn(MEDIA_TYPES, mimeType) ? MEDIA_TYPES[mimeType] : null;
}

/** `image/PNG; charset=x` → `image/png`: the essence of a Content-Type (RFC 9110 §8.3.1). */
export function essenceOf(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

/** The media type whose files end in `.extension`, or null: how a served path names its type. */
export function mediaTypeOfExtension(extension: string): string | null {
  const found = Object.entries(MEDIA_TYPES).find(([, rule]) => rule.extension === extension);
  return found === undefined ? null : found[0];
}

/** The objectType of an upload of this kind: pump.io's image, audio, video and file classes. */
export function objectTypeOfKind(kind: MediaKind): string {
  return kind;
}

/** Media (images, audio, video) may be shown inline; any other file is served as a download. */
export function isInlineMedia(kind: MediaKind): boolean {
  return kind !== 'file';
}
