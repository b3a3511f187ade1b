import { describe, expect, it } from 'vitest';
import { createSenderWatch } from './sender-watch.js';

describe('watching the customers whose messages are stored in requests', () => {
  it('wakes the workers when a request is done with a customer whose newer message they hold', async () => {
    let woken = 0;
    const watch = createSenderWatch(() => woken++);
    let finish!: () => void;
    const storing = watch.storing('whatsapp:+15550001', () => new Promise<void>((resolve) => (finish = resolve)));
    watch.handedOn('whatsapp:+15550001');
    expect(woken).toBe(0);
    finish();
    await storing;
    expect(woken).toBe(1);
  });

  it('does not wake them for other customers, nor twice', async () => {
    let woken = 0;
    const watch = createSenderWatch(() => woken++);
    watch.handedOn('whatsapp:+15550002');
    await watch.storing('whatsapp:+15550003', async () => {});
    expect(woken).toBe(0);
    const first = watch.storing('whatsapp:+15550004', async () => {});
    watch.handedOn('whatsapp:+15550004');
    await first;
    await watch.storing('whatsapp:+15550004', async () => {});
    expect(woken).toBe(1);
  });

  it('wakes them even when the request failed', async () => {
    let woken = 0;
    const watch = createSenderWatch(() => woken++);
    const failing = watch.storing('whatsapp:+15550005', async () => {
      watch.handedOn('whatsapp:+15550005');
      throw new Error('the batch failed');
    });
    await expect(failing).rejects.toThrow('the batch failed');
    expect(woken).toBe(1);
  });
});
