/** The data folder: ~/.guzheng by default, GUZHENG_HOME to put it elsewhere (tests always do). */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function dataHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.GUZHENG_HOME ? resolve(env.GUZHENG_HOME) : join(homedir(), '.guzheng');
}
