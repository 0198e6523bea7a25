import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { startServer } from '../src/index.js';
import { connect, createMap, eventually, exportMap, synced, tempDir } from './helpers.js';

describe('shutdown', () => {
  it('[SV-S7] [SV-S10] close() stops accepting, closes sockets with 1001, folds the WAL, and what was echoed is stored', async () => {
    const tmp = tempDir();
    const first = await startServer({ port: 0, host: '127.0.0.1', dataDir: tmp.dir });
    const map = await createMap(first);
    const editor = connect(first, map.id, map.editToken);
    const observer = connect(first, map.id, map.viewToken, true);
    await Promise.all([synced(editor), synced(observer)]);
    const closes: number[] = [];
    editor.provider.on('connection-close', (e: { code: number } | null) => closes.push(e?.code ?? 0));
    for (let i = 0; i < 100; i++) editor.doc.getMap('steps').set(`s${i}`, i);
    await eventually(() => expect(observer.doc.getMap('steps').size).toBe(100));
    await first.close();
    // SV-S10: the checkpoint thread has stopped and the WAL is folded into the database file.
    expect(existsSync(path.join(tmp.dir, 'ketenkaart.db-wal'))).toBe(false);
    await eventually(() => expect(closes).toContain(CLOSE_CODES.shuttingDown));
    await expect(fetch(`${first.url}/healthz`)).rejects.toThrow();
    editor.destroy();
    observer.destroy();

    const second = await startServer({ port: 0, host: '127.0.0.1', dataDir: tmp.dir });
    const file = (await exportMap(second, map.id, map.viewToken)) as object;
    expect(file).toBeDefined();
    const again = connect(second, map.id, map.viewToken, true);
    await synced(again);
    expect(again.doc.getMap('steps').size).toBe(100);
    again.destroy();
    await second.close();
    tmp.remove();
  });
});
