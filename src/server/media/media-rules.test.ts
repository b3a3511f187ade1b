import { describe, expect, it } from 'vitest';
import { mediaProblem } from './media-rules.js';

describe('WhatsApp media limits', () => {
  it('accepts a small JPEG and a 10 MB PDF', () => {
    expect(mediaProblem('image/jpeg', 200_000)).toBeNull();
    expect(mediaProblem('application/pdf; charset=binary', 10 * 1048576)).toBeNull();
  });
  it('refuses images over 5 MB and files over 16 MB', () => {
    expect(mediaProblem('image/png', 6 * 1048576)).toMatch(/at most 5 MB/);
    expect(mediaProblem('video/mp4', 17 * 1048576)).toMatch(/at most 16 MB/);
  });
  it('refuses types WhatsApp does not take', () => {
    expect(mediaProblem('image/gif', 10)).toMatch(/image\/gif/);
    expect(mediaProblem('application/x-msdownload', 10)).toMatch(/does not accept/);
  });
});
