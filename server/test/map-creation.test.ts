import { describe, expect, it } from 'vitest';
import { HttpError } from '../src/http/respond.js';
import { MapCreationLimits, addressKey } from '../src/http/map-creation.js';

const HOUR = 3_600_000;

/** The status an admission fails with, or 'ok' (the creation is then ended as `created`). */
async function attempt(limits: MapCreationLimits, address: string, created = true): Promise<number | 'ok'> {
  try {
    const done = await limits.admit(address);
    done(created);
    return 'ok';
  } catch (e) {
    if (e instanceof HttpError) return e.status;
    throw e;
  }
}

describe('map creation limits', () => {
  it('[SV-H12] a burst of maxMapsPerIpPerHour, then one more every hour / max; other addresses are not affected', async () => {
    let now = 0;
    const limits = new MapCreationLimits(
      { maxMapsPerIpPerHour: 4, maxMaps: 1_000 },
      () => Promise.resolve(0),
      () => now,
    );
    for (let i = 0; i < 4; i++) expect(await attempt(limits, '192.0.2.1')).toBe('ok');
    expect(await attempt(limits, '192.0.2.1')).toBe(429);
    expect(await attempt(limits, '192.0.2.2')).toBe('ok');
    now += HOUR / 4 - 1_000;
    expect(await attempt(limits, '192.0.2.1')).toBe(429);
    now += 1_000;
    expect(await attempt(limits, '192.0.2.1')).toBe('ok');
    expect(await attempt(limits, '192.0.2.1')).toBe(429);
    // A long pause refills the bucket to its burst, no further.
    now += 10 * HOUR;
    for (let i = 0; i < 4; i++) expect(await attempt(limits, '192.0.2.1')).toBe('ok');
    expect(await attempt(limits, '192.0.2.1')).toBe(429);
  });

  it('[SV-H12] Retry-After is the seconds until the next map is allowed', async () => {
    let now = 0;
    const limits = new MapCreationLimits(
      { maxMapsPerIpPerHour: 60, maxMaps: 1_000 },
      () => Promise.resolve(0),
      () => now,
    );
    for (let i = 0; i < 60; i++) await limits.admit('192.0.2.1');
    now += 30_000;
    const refused = await limits.admit('192.0.2.1').catch((e: unknown) => e as HttpError);
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).options.headers).toEqual({ 'Retry-After': '30' });
  });

  it('[SV-H12] IPv6 addresses are limited per /64; IPv4-mapped ones as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey(undefined)).toBe('unknown');
  });

  it('[SV-H13] the quota counts stored maps once, then the creations that succeed', async () => {
    let counted = 0;
    const limits = new MapCreationLimits({ maxMapsPerIpPerHour: 1_000, maxMaps: 3 }, () => {
      counted++;
      return Promise.resolve(1);
    });
    expect(await attempt(limits, 'a', false)).toBe('ok');
    expect(await attempt(limits, 'a')).toBe('ok');
    expect(await attempt(limits, 'a')).toBe('ok');
    expect(await attempt(limits, 'a')).toBe(507);
    expect(counted).toBe(1);
  });

  it('[SV-H13] creations in flight hold their place in the quota until they end', async () => {
    const limits = new MapCreationLimits({ maxMapsPerIpPerHour: 1_000, maxMaps: 2 }, () => Promise.resolve(0));
    const first = await limits.admit('a');
    const second = await limits.admit('a');
    expect(await attempt(limits, 'a')).toBe(507);
    first(false);
    second(true);
    expect(await attempt(limits, 'a')).toBe('ok');
    expect(await attempt(limits, 'a')).toBe(507);
  });
});
