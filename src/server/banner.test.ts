import { describe, expect, it } from 'vitest';
import { startBanner } from './banner.js';

const config = { publicUrl: 'http://localhost:3000', dataDir: '/srv/data' };

describe('the start banner', () => {
  it('shows the Twilio simulator only when it is mounted', () => {
    expect(startBanner({ ...config, simulator: true }, 'pglite', null)).toContain('Twilio simulator  http://localhost:3000/simulator');
    const off = startBanner({ ...config, simulator: false }, 'postgres', null);
    expect(off).not.toContain('/simulator');
    expect(off).toContain('Agent workspace   http://localhost:3000/agent');
  });
});
