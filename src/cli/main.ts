/** The guzheng command: one file per subcommand in this folder. */
import { GuzhengError, asGuzhengError } from '../errors.js';
import { TOOL_VERSION } from '../tool.js';
import { runCapture, CAPTURE_HELP } from './capture.js';
import { runDemo, DEMO_HELP } from './demo.js';
import { runVerify, VERIFY_HELP } from './verify.js';
import { runSeal, SEAL_HELP } from './seal.js';
import { runCase, CASE_HELP } from './case.js';
import { runLog, runNote, LOG_HELP } from './log.js';
import { runShow, SHOW_HELP } from './show.js';
import { runLogin, LOGIN_HELP } from './login.js';
import { runCheck, CHECK_HELP } from './check.js';
import { runExport, EXPORT_HELP } from './export.js';
import { runVerifier, VERIFIER_HELP } from './verifier.js';
import { runBackupCommand, runScrub, BACKUP_HELP } from './backup.js';
import { runLaw, LAW_HELP } from './law.js';
import { runAssess, ASSESS_HELP } from './assess.js';
import { runDoc, DOC_HELP } from './doc.js';
import { runApp, APP_HELP } from './app.js';
import { runImport, IMPORT_HELP } from './import.js';
import { runChat, CHAT_HELP } from './chat.js';
import { runWatch, WATCH_HELP } from './watch.js';
import { runAdmin, ADMIN_HELP } from './admin.js';
import { runServe, SERVE_HELP } from './serve.js';
import { runWorker, WORKER_HELP } from './worker.js';
import { printError } from './output.js';

/** One subcommand: what runs it, its help (`guzheng <command> --help`), and its lines in the overview of `guzheng --help`. */
interface Command {
  run: (args: string[]) => Promise<number>;
  help: string;
  /** [usage after "guzheng ", what it does: Chinese / English] */
  overview: [string, string][];
}

async function runVersion(): Promise<number> {
  process.stdout.write(`${TOOL_VERSION}\n`);
  return 0;
}

const VERSION_HELP = `用法 / usage: guzheng --version | guzheng version
  显示本工具的版本号 / print the version of the tool`;

/** Every command, in the order the overview lists them. Help and version are handled here, once, for all of them. */
const COMMANDS: Record<string, Command> = {
  app: { run: runApp, help: APP_HELP, overview: [['app [--port N] [--no-open]', '启动本机应用（网页界面）/ start the local app (web interface)']] },
  capture: { run: runCapture, help: CAPTURE_HELP, overview: [['capture <网址 url…> [选项]', '取证：记录网页，供法院审查 / witness a web page as evidence']] },
  demo: { run: runDemo, help: DEMO_HELP, overview: [['demo [选项]', '对内置演示页面取证 / capture the bundled demo post'], ['demo --serve', '只启动演示页面，可用浏览器查看 / only serve the demo post']] },
  import: { run: runImport, help: IMPORT_HELP, overview: [['import <文件或文件夹…> [选项]', '导入截图、照片等，连同来源信息 / import screenshots, photos… with their provenance']] },
  chat: { run: runChat, help: CHAT_HELP, overview: [['chat <证据> [--search 文字 | --select 3-5,9]', '查看、搜索、选定导入的聊天记录 / read, search, choose messages of an imported chat']] },
  watch: { run: runWatch, help: WATCH_HELP, overview: [['watch add|list|run|show …', '定时检查帖子的数量和状态，每次都作为证据 / watch posts: counts and state over time, each check evidence']] },
  login: { run: runLogin, help: LOGIN_HELP, overview: [['login <平台>', '登录平台，供登录取证使用 / log in to a platform for logged-in captures']] },
  case: { run: runCase, help: CASE_HELP, overview: [['case new|list|show|facts', '案件 / cases']] },
  show: { run: runShow, help: SHOW_HELP, overview: [['show <证据>', '查看一件证据及其文件 / show one item and its files']] },
  log: { run: runLog, help: LOG_HELP, overview: [['log <证据或案件>', '保管记录 / custody log of an item or case']] },
  note: { run: runNote, help: LOG_HELP, overview: [['note <证据或案件> <备注>', '添加备注 / add a note to the custody log']] },
  check: { run: runCheck, help: CHECK_HELP, overview: [['check', '核对整个证据库 / check the whole vault']] },
  export: { run: runExport, help: EXPORT_HELP, overview: [['export <证据或案件> --out f.wacz', '导出证据包 / export an evidence package']] },
  verify: { run: runVerify, help: VERIFY_HELP, overview: [
    ['verify <f.wacz | 文件夹>', '离线核对证据包或取证文件夹 / verify a package or capture folder offline'],
    ['verify --timestamp 令牌 --data 数据 [--ca 根证书…]', '核对 RFC 3161 时间戳 / check an RFC 3161 timestamp']] },
  verifier: { run: runVerifier, help: VERIFIER_HELP, overview: [['verifier --out verify.html', '写出离线核对页面 / write the offline verifier page']] },
  backup: { run: runBackupCommand, help: BACKUP_HELP, overview: [['backup add|list|run', '在多个地方保存副本 / keep copies in several places']] },
  scrub: { run: runScrub, help: BACKUP_HELP, overview: [['scrub', '核对并修复所有副本 / re-check and repair every copy']] },
  seal: { run: runSeal, help: SEAL_HELP, overview: [['seal --pending', '为等待时间戳的取证补上时间戳 / timestamp captures awaiting one']] },
  assess: { run: runAssess, help: ASSESS_HELP, overview: [['assess <案件> | --facts f.json', '可走的法律途径、条件和期限 / the routes open, their conditions and deadlines']] },
  doc: { run: runDoc, help: DOC_HELP, overview: [['doc <文书> <案件> --out f.docx', '生成通知书、起诉状、自诉状、证据目录等 / write notices, complaints, evidence lists']] },
  law: { run: runLaw, help: LAW_HELP, overview: [['law list [--json]', '本工具引用的法条 / the provisions the tool relies on']] },
  serve: { run: runServe, help: SERVE_HELP, overview: [['serve --db postgres://… [--blobs s3://…]', '启动组织的见证服务器（需登录）/ start the organisation\'s witness server (with sign-in)']] },
  worker: { run: runWorker, help: WORKER_HELP, overview: [['worker --db postgres://… [--concurrency N]', '为组织服务器完成队列中的取证和导出 / do the organisation server\'s queued captures and exports']] },
  admin: { run: runAdmin, help: ADMIN_HELP, overview: [['admin org|user|token|quota|member … --db postgres://…', '管理组织服务器：组织、用户、令牌、配额 / run the organisation server: organisations, users, tokens, quotas']] },
  version: { run: runVersion, help: VERSION_HELP, overview: [['--version', '显示版本 / print the version']] },
};

/** Columns as a terminal shows them: Chinese characters and full-width punctuation take two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

function overviewLine([usage, text]: [string, string]): string {
  const left = `  guzheng ${usage}`;
  return `${left}${' '.repeat(Math.max(2, 40 - displayWidth(left)))}${text}`;
}

function overview(): string {
  const lines = Object.values(COMMANDS).flatMap((c) => c.overview.map(overviewLine));
  lines.push(overviewLine(['<命令 command> --help', '某个命令的用法 / how to use one command']));
  return `固证 guzheng ${TOOL_VERSION} — 为网络诽谤和网络暴力的受害者固定证据 / fixing evidence of online defamation\n\n用法 / usage:\n${lines.join('\n')}`;
}

const NOT_ADVICE = '本工具不构成法律意见。/ This tool is not legal advice.';

/** `guzheng --help`: the overview, then every command's help (each once). */
function fullHelp(): string {
  const helps = [...new Set(Object.values(COMMANDS).map((c) => c.help))];
  return [overview(), ...helps, NOT_ADVICE].join('\n\n');
}

/** `guzheng <command> --help`: what the command does, then its help. */
function commandHelp(name: string): string {
  const c = COMMANDS[name]!;
  return `固证 guzheng ${name} — ${c.overview[0]![1]}\n\n${c.help}`;
}

/** --help or -h among the options (not after "--", where it would be an argument). */
function asksForHelp(args: string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/** The command nearest to a mistyped one (at most two edits), to suggest it. */
function nearest(word: string): string | undefined {
  const distance = (a: string, b: string) => {
    let row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row = next;
    }
    return row[b.length]!;
  };
  const scored = Object.keys(COMMANDS).map((name) => ({ name, d: distance(word.toLowerCase(), name) })).sort((x, y) => x.d - y.d);
  return scored[0] && scored[0].d <= 2 ? scored[0].name : undefined;
}

function unknownCommand(command: string): GuzhengError {
  const near = nearest(command);
  return new GuzhengError('E_USAGE', `未知命令“${command}”${near ? `；您是不是要用 guzheng ${near}？` : ''}`, `Unknown command "${command}"${near ? `; did you mean guzheng ${near}?` : ''}`,
    '所有命令 / all commands: guzheng --help');
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  try {
    switch (command) {
      case undefined:
        process.stdout.write(`${overview()}\n\n${NOT_ADVICE}\n`);
        return 2;
      case '--help':
      case '-h':
        process.stdout.write(fullHelp() + '\n');
        return 0;
      case 'help': {
        // guzheng help [command]
        if (rest[0] === undefined) {
          process.stdout.write(fullHelp() + '\n');
          return 0;
        }
        if (!Object.hasOwn(COMMANDS, rest[0])) throw unknownCommand(rest[0]);
        process.stdout.write(commandHelp(rest[0]) + '\n');
        return 0;
      }
      case '--version':
      case '-v':
      case '-V':
        return await runVersion();
    }
    if (!Object.hasOwn(COMMANDS, command)) throw unknownCommand(command);
    if (asksForHelp(rest)) {
      process.stdout.write(commandHelp(command) + '\n');
      return 0;
    }
    return await COMMANDS[command]!.run(rest);
  } catch (err) {
    const e = asGuzhengError(err);
    printError(e, json);
    if (e.code === 'E_INTERNAL' && process.env.GUZHENG_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return e.code === 'E_USAGE' || e.code === 'E_FACTS' || e.code === 'E_NOT_FOUND' || e.code === 'E_URL_INVALID' || e.code === 'E_URL_SCHEME' || e.code === 'E_UNREADABLE' ? 2 : 1;
  }
}

/**
 * Exits once everything written has left the process. On a pipe Node writes stdout asynchronously, and
 * process.exit() would cut a long output (such as `law list`) short; an empty write's callback runs after the
 * writes queued before it.
 */
function exitWhenWritten(code: number): void {
  let waiting = 2;
  const done = () => { if (--waiting === 0) process.exit(code); };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main(process.argv.slice(2)).then(exitWhenWritten, (err) => {
  process.stderr.write(`[E_INTERNAL] 内部错误 / internal error: ${(err as Error).message}\n`);
  exitWhenWritten(1);
});
