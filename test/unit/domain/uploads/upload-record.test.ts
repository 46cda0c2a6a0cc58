import type { AsObject } from '../../../../src/domain/activity-streams/as-object';
import {
  parseUploadPath,
  storedBytesOf,
  storedFileNamed,
  uploadKeys,
  uploadRecordOf,
} from '../../../../src/domain/uploads/upload-record';
import { canSeeObject } from '../../../../src/domain/visibility/visibility';

const UUID = 'AbCdEfGhIjKlMnOpQrSt_-';
const ALICE = { id: 'http://h/api/user/alice/profile', objectType: 'person' };
const BOB = { id: 'http://h/api/user/bob/profile' };

function uploaded(extra: Partial<AsObject> = {}): AsObject {
  return {
    id: `http://h/api/image/${UUID}`,
    objectType: 'image',
    author: ALICE,
    _upload: {
      kind: 'image',
      original: { key: `alice/2026/5/3/${UUID}.png`, mimeType: 'image/png', bytes: 900 },
      thumbnail: { key: `alice/2026/5/3/${UUID}.thumb.png`, mimeType: 'image/png', bytes: 100 },
    },
    ...extra,
  };
}

describe('upload keys and paths', () => {
  it("lays files out as pump.io does, by owner and day, under the object's uuid", () => {
    const keys = uploadKeys('alice', UUID, new Date('2026-05-03T23:59:00Z'), 'jpg', 'jpg');
    expect(keys).toEqual({
      original: `alice/2026/5/3/${UUID}.jpg`,
      thumbnail: `alice/2026/5/3/${UUID}.thumb.jpg`,
    });
    expect(parseUploadPath(keys.thumbnail)).toEqual({
      key: keys.thumbnail,
      nickname: 'alice',
      uuid: UUID,
      mimeType: 'image/jpeg',
    });
  });

  it.each([
    '',
    'alice',
    `alice/2026/5/3/${UUID}`,
    `alice/2026/5/3/${UUID}.exe`,
    `../2026/5/3/../${UUID}.png`,
    `alice/x/5/3/${UUID}.png`,
  ])('reads %j as no upload path', (path) => {
    expect(parseUploadPath(path)).toBeNull();
  });
});

describe('the upload record', () => {
  it('counts the original and the thumbnail, and names only its own files', () => {
    const record = uploadRecordOf(uploaded());
    expect(record).not.toBeNull();
    expect(storedBytesOf(record!)).toBe(1000);
    expect(storedFileNamed(record!, `alice/2026/5/3/${UUID}.thumb.png`)?.bytes).toBe(100);
    expect(storedFileNamed(record!, `bob/2026/5/3/${UUID}.png`)).toBeNull();
  });

  it('is gone once the object is deleted, so it counts in no quota', () => {
    expect(uploadRecordOf(uploaded({ deleted: '2026-05-04T00:00:00Z' }))).toBeNull();
    expect(uploadRecordOf({ id: 'x', objectType: 'note' })).toBeNull();
  });
});

describe('who sees an upload (the rule of any object, docs/protocol.md §6.3)', () => {
  const publicPost = {
    verb: 'post',
    actor: ALICE,
    object: { id: `http://h/api/image/${UUID}`, objectType: 'image' },
    to: [{ id: 'http://activityschema.org/collection/public', objectType: 'collection' }],
  };

  it('is its owner only until it is posted', () => {
    expect(canSeeObject(uploaded(), null, { id: ALICE.id })).toBe(true);
    expect(canSeeObject(uploaded(), null, BOB)).toBe(false);
    expect(canSeeObject(uploaded(), null, null)).toBe(false);
  });

  it("is then decided by the post's recipients", () => {
    expect(canSeeObject(uploaded(), publicPost, BOB)).toBe(true);
    expect(canSeeObject(uploaded(), publicPost, null)).toBe(true);
    const toCarolOnly = {
      ...publicPost,
      to: [{ id: 'http://h/api/user/carol/profile', objectType: 'person' }],
    };
    expect(canSeeObject(uploaded(), toCarolOnly, BOB)).toBe(false);
  });
});
