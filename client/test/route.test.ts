import { describe, expect, it } from 'vitest';
import { parseRoute } from '../src/routing/route';

const id = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('parseRoute', () => {
  it('[CL-A1] reads the home page and the edit and view links', () => {
    expect(parseRoute('/', '')).toEqual({ page: 'home' });
    expect(parseRoute(`/map/${id}`, '#edit=tok')).toEqual({ page: 'map', id, role: 'editor', token: 'tok' });
    expect(parseRoute(`/map/${id}`, '#view=v-1_x')).toEqual({ page: 'map', id, role: 'viewer', token: 'v-1_x' });
  });

  it('[CL-A1] a map path without a token is a bad link; anything else is not found', () => {
    expect(parseRoute(`/map/${id}`, '')).toEqual({ page: 'badLink', id });
    expect(parseRoute('/elders', '')).toEqual({ page: 'notFound' });
    expect(parseRoute('/map/../x', '#edit=a')).toEqual({ page: 'notFound' });
  });
});
