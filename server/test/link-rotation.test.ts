import { describe, expect, it, vi } from 'vitest';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { MemoryStorage } from '../src/index.js';
import { LinkRotation } from '../src/links/link-rotation.js';
import { hashToken, viewTokenFor } from '../src/links/tokens.js';
import { mapRecord } from './helpers.js';

async function setUp(): Promise<{
  storage: MemoryStorage;
  rotation: LinkRotation;
  closeAll: ReturnType<typeof vi.fn>;
}> {
  const storage = new MemoryStorage();
  await storage.createMap(mapRecord('m'));
  await storage.createMap(mapRecord('other'));
  const closeAll = vi.fn();
  const rotation = new LinkRotation(storage, (id) => (id === 'm' ? { closeAll } : undefined));
  return { storage, rotation, closeAll };
}

describe('link rotation', () => {
  it('[SV-A4] [SV-H4] stores the new tokens and closes every socket open on the map with 4401', async () => {
    const { storage, rotation, closeAll } = await setUp();
    const { editToken, viewToken } = await rotation.rotate('m');
    expect(viewToken).toBe(viewTokenFor(editToken));
    expect(await storage.getMap('m')).toMatchObject({
      editTokenHash: hashToken(editToken),
      viewTokenHash: hashToken(viewToken),
    });
    expect(closeAll).toHaveBeenCalledExactlyOnceWith(CLOSE_CODES.unauthorized, 'link rotated');
    // A map with no room in memory has no sockets to close.
    await rotation.rotate('other');
    expect(closeAll).toHaveBeenCalledOnce();
  });

  it('[SV-A4] a token check running during a rotation learns its token is old; others do not', async () => {
    const { rotation } = await setUp();
    const during = rotation.check('m');
    const otherMap = rotation.check('other');
    await rotation.rotate('m');
    const after = rotation.check('m');
    expect(during.end()).toBe(true);
    expect(otherMap.end()).toBe(false);
    expect(after.end()).toBe(false);
  });

  it('[SV-A8] once the token checks of a map have ended, nothing of its rotations is kept', async () => {
    const { rotation } = await setUp();
    expect(rotation.watchedMaps).toBe(0);
    const checks = Array.from({ length: 100 }, (_, i) => rotation.check(i % 2 === 0 ? 'm' : 'other'));
    expect(rotation.watchedMaps).toBe(2);
    for (let i = 0; i < 10; i++) await rotation.rotate('m');
    for (const c of checks.slice(0, 50)) c.end();
    expect(rotation.watchedMaps).toBe(2);
    for (const c of checks.slice(50)) c.end();
    expect(rotation.watchedMaps).toBe(0);
    // Ending twice is harmless and still tells the truth.
    expect(checks[0]!.end()).toBe(true);
    expect(checks[1]!.end()).toBe(false);
    expect(rotation.watchedMaps).toBe(0);
    // Rotations with no check running leave nothing behind.
    await rotation.rotate('m');
    expect(rotation.watchedMaps).toBe(0);
  });
});
