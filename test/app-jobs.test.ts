/** The app's job list: work runs in order, a failure is kept in words, and old finished jobs are forgotten, never running ones. */
import { describe, expect, it } from 'vitest';
import { Jobs, KEEP_FINISHED } from '../src/app/jobs.js';
import { GuzhengError } from '../src/errors.js';

describe('app jobs', () => {
  it('runs batches one after another and keeps a failure as {code, zh, en}', async () => {
    const jobs = new Jobs();
    const order: string[] = [];
    const a = jobs.create('capture', 'https://a.example/');
    const b = jobs.create('capture', 'https://b.example/');
    jobs.enqueue([a], async () => { await new Promise((r) => setTimeout(r, 20)); order.push('a'); });
    jobs.enqueue([b], async () => { order.push('b'); throw new GuzhengError('E_URL_INVALID', '坏链接', 'bad link'); });
    expect(b.state).toBe('queued');
    await jobs.idle();
    expect(order).toEqual(['a', 'b']);
    expect(a.state).toBe('done');
    expect(b.view().error).toEqual({ code: 'E_URL_INVALID', zh: '坏链接', en: 'bad link' });
  });

  it(`forgets the oldest finished jobs beyond ${KEEP_FINISHED}, and never one still running`, async () => {
    const jobs = new Jobs();
    let release!: () => void;
    const running = jobs.create('login');
    jobs.start(running, () => new Promise<void>((r) => { release = r; }));
    const finished = [];
    for (let i = 0; i < KEEP_FINISHED + 50; i++) {
      const j = jobs.create('export');
      jobs.enqueue([j], async () => undefined);
      await jobs.idle();
      finished.push(j);
    }
    jobs.create('export'); // pruning happens as jobs are made
    expect(jobs.get(running.id)?.state).toBe('running');
    expect(jobs.get(finished[0]!.id)).toBeUndefined();
    expect(jobs.get(finished.at(-1)!.id)?.state).toBe('done');
    expect(finished.filter((j) => jobs.get(j.id)).length).toBe(KEEP_FINISHED);
    release();
  });
});
