import { describe, expect, it } from 'vitest';
import { nextState } from './state-machine.js';
import { IllegalTransitionError } from '../http/errors.js';

describe('conversation state machine', () => {
  it('follows open → active → wrap-up → closed', () => {
    expect(nextState('open', 'pick')).toBe('active');
    expect(nextState('active', 'end')).toBe('wrap-up');
    expect(nextState('wrap-up', 'close')).toBe('closed');
  });

  it('moves active ⇄ waiting and waiting back to open', () => {
    expect(nextState('active', 'wait')).toBe('waiting');
    expect(nextState('waiting', 'resume')).toBe('active');
    expect(nextState('waiting', 'reopen')).toBe('open');
  });

  it('refuses illegal transitions with the current state', () => {
    expect(() => nextState('closed', 'pick')).toThrow(IllegalTransitionError);
    expect(() => nextState('wrap-up', 'end')).toThrow(/"wrap-up"/);
    expect(() => nextState('closed', 'close')).toThrow(IllegalTransitionError);
    expect(() => nextState('active', 'pick')).toThrow(IllegalTransitionError);
  });
});
