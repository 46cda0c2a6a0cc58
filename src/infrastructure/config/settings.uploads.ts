import { join } from 'node:path';

import { ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsInt, Min } from 'class-validator';

import { DEFAULT_UPLOAD_TYPES } from '../../domain/uploads/media-types';
import { nonEmptyString } from './config-validators';
import { absolutePath, acts, setting } from './setting';

const MIB = 1024 * 1024;
const typesMessage = `$property may only hold ${DEFAULT_UPLOAD_TYPES.join(', ')}`;

/** Uploads (docs/protocol.md §10.1): pump.io's switch, and Pumphouse's own folder and limits. */
export const UPLOAD_SETTINGS = {
  enableUploads: setting<boolean>()({
    checks: [IsBoolean()],
    env: 'boolean',
    resolve: (value) => value ?? false,
    effect: acts(),
    readme: {
      type: 'boolean',
      default: '`false`',
      meaning:
        'Allow uploads: `POST /api/user/<nick>/uploads`, files served at `/uploads/...`. See "Uploads".',
    },
  }),
  uploadsDir: setting<string>()({
    checks: nonEmptyString(),
    env: 'string',
    resolve: (value, _settings, context): string =>
      absolutePath(value, context) ?? join(context.dataDir, 'uploads'),
    effect: acts(),
    readme: {
      type: 'path',
      default: '`<dataDir>/uploads`',
      meaning:
        "Folder of uploaded files (ours; pump.io's `uploaddir` is refused, as pump.io 3 refuses it). Relative to " +
        'the working directory.',
    },
  }),
  uploadMaxBytes: setting<number>()({
    checks: [IsInt(), Min(1)],
    env: 'integer',
    resolve: (value) => value ?? 10 * MIB,
    effect: acts(),
    readme: {
      type: 'integer bytes',
      default: '`10485760` (10 MiB)',
      meaning: 'Largest file one upload may be.',
    },
  }),
  uploadMaxPixels: setting<number>()({
    checks: [IsInt(), Min(1)],
    env: 'integer',
    resolve: (value) => value ?? 40_000_000,
    effect: acts(),
    readme: {
      type: 'integer',
      default: '`40000000`',
      meaning: 'Most pixels (width × height) an uploaded image may have, whatever its file size.',
    },
  }),
  uploadQuotaBytes: setting<number>()({
    checks: [IsInt(), Min(0)],
    env: 'integer',
    resolve: (value) => value ?? 100 * MIB,
    effect: acts(),
    readme: {
      type: 'integer bytes',
      default: '`104857600` (100 MiB)',
      meaning: "Most bytes one user's uploads (thumbnails included) may take together; `0`: no quota.",
    },
  }),
  uploadTypes: setting<string[]>()({
    checks: [IsArray(), ArrayNotEmpty(), IsIn(DEFAULT_UPLOAD_TYPES, { each: true, message: typesMessage })],
    env: 'json',
    resolve: (value) => Object.freeze([...(value ?? DEFAULT_UPLOAD_TYPES)]),
    effect: acts(),
    readme: {
      type: 'list of media types',
      default: 'all known: ' + DEFAULT_UPLOAD_TYPES.map((type) => `\`${type}\``).join(' '),
      meaning: 'Media types an upload may have; only types Pumphouse can check the content of are possible.',
    },
  }),
};
