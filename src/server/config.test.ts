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
