import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const simulator = (env: Record<string, string>) => loadConfig({ DATA_DIR: '/tmp/unused', ...env }).simulator;

describe('SIMULATOR', () => {
  it('is on for development and off in production unless asked for', () => {
    expect(simulator({})).toBe(true);
    expect(simulator({ NODE_ENV: 'development' })).toBe(true);
    expect(simulator({ NODE_ENV: 'production' })).toBe(false);
    expect(simulator({ NODE_ENV: 'production', SIMULATOR: 'true' })).toBe(true);
    expect(simulator({ SIMULATOR: 'false' })).toBe(false);
  });

  it('refuses a value that is neither true nor false', () => {
    expect(() => simulator({ SIMULATOR: 'yes' })).toThrow('SIMULATOR must be true or false, got "yes"');
  });
});

describe('MEDIA_STORE', () => {
  it('keeps media in the shared database on PostgreSQL and in the data folder when embedded, unless told otherwise', () => {
    expect(loadConfig({}).mediaStore).toBe('local');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/sb' }).mediaStore).toBe('postgres');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/sb', MEDIA_STORE: 'local' }).mediaStore).toBe('local');
    expect(loadConfig({ MEDIA_STORE: 'postgres' }).mediaStore).toBe('postgres');
  });

  it('refuses S3, which is not offered, and anything else, in words', () => {
    expect(() => loadConfig({ MEDIA_STORE: 's3' })).toThrow(/not offered/);
    expect(() => loadConfig({ MEDIA_STORE: 'disk' })).toThrow('MEDIA_STORE must be local or postgres, got "disk"');
  });
});
