/**
 * A capture is a declarative list of named steps, run top to bottom, each logged with its start, end and outcome
 * (the protocol a court may ask about). A step that fails does not stop the capture: later steps run if their
 * preconditions hold, and steps marked alwaysRun (closing, writing files) run whatever happened before.
 */
import { GuzhengError } from '../errors.js';
import { addReason, remainingMs, type Visit } from './visit-state.js';
import { withTimeout } from './environment/check.js';

export interface Step {
  name: string;
  /** Runs even after a failure, a crash or the total timeout (closing and writing what was recorded). */
  alwaysRun?: boolean;
  /** Runs after the page failed to load (e.g. a screenshot of the browser's error page), but not after a crash. */
  afterLoadFailure?: boolean;
  /** Returns a reason to skip the step, or null to run it. */
  skipIf?: (v: Visit) => string | null;
  main: (v: Visit) => Promise<string | void>;
}

/** Errors that end the visit itself: the page could not be reached. */
export class FatalVisitError extends GuzhengError {}

export async function runSteps(v: Visit, steps: Step[]): Promise<void> {
  for (const step of steps) {
    const startedAt = new Date().toISOString();
    const stopped = v.error ? 'an earlier step failed' : v.crashed ? 'the browser crashed' : remainingMs(v) === 0 ? 'total time limit reached' : null;
    const exempt = step.alwaysRun || (step.afterLoadFailure && v.error && !v.crashed && remainingMs(v) > 0);
    const skip = (!exempt && stopped) || step.skipIf?.(v) || null;
    if (skip) {
      if (!step.alwaysRun && remainingMs(v) === 0 && !v.error) {
        addReason(v.reasons, { code: 'E_TIMEOUT', zh: '取证总时间已到，部分步骤未执行', en: 'The total time limit was reached; some steps did not run', detail: `total ${v.options.totalTimeoutMs} ms` });
      }
      v.log.write({ type: 'step', name: step.name, startedAt, endedAt: new Date().toISOString(), outcome: 'skipped', detail: skip });
      continue;
    }
    try {
      const work = step.main(v);
      const detail = step.alwaysRun ? await work : await withTimeout(work, Math.max(1, remainingMs(v)), `step ${step.name}`);
      v.log.write({ type: 'step', name: step.name, startedAt, endedAt: new Date().toISOString(), outcome: 'ok', ...(detail ? { detail } : {}) });
    } catch (err) {
      const e = err instanceof GuzhengError ? err : null;
      const message = (err as Error).message?.split('\n')[0] ?? String(err);
      v.log.write({ type: 'step', name: step.name, startedAt, endedAt: new Date().toISOString(), outcome: 'failed', detail: message, code: e?.code });
      if (err instanceof FatalVisitError) {
        v.error = { code: err.code, zh: err.zh, en: err.en, detail: err.detail };
      } else if (v.crashed) {
        addReason(v.reasons, { code: 'E_BROWSER_CRASHED', zh: '取证过程中浏览器崩溃，已保存崩溃前记录的内容', en: 'The browser crashed during the visit; what was recorded before is kept' });
      } else if (/no answer within/.test(message) && remainingMs(v) === 0) {
        addReason(v.reasons, { code: 'E_TIMEOUT', zh: `步骤“${step.name}”超时`, en: `Step "${step.name}" timed out`, detail: message });
      } else {
        addReason(v.reasons, { code: e?.code ?? 'E_STEP_FAILED', zh: `步骤“${step.name}”失败`, en: `Step "${step.name}" failed`, detail: e ? `${e.zh} / ${e.en}` : message });
      }
    }
  }
}
