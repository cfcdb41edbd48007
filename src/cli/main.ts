/** The guzheng command: one file per subcommand in this folder. */
import { GuzhengError, asGuzhengError } from '../errors.js';
import { TOOL_VERSION } from '../tool.js';
import { runCapture, CAPTURE_HELP } from './capture.js';
import { runDemo } from './demo.js';
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
import { printError } from './output.js';

const HELP = `固证 guzheng ${TOOL_VERSION} — 为网络诽谤和网络暴力的受害者固定证据 / fixing evidence of online defamation

用法 / usage:
  guzheng capture <网址 url…> [选项]   取证：记录网页，供法院审查 / witness a web page as evidence
  guzheng demo [选项]                  对内置演示页面取证 / capture the bundled demo post
  guzheng login <平台>                 登录平台，供登录取证使用 / log in to a platform for logged-in captures
  guzheng demo --serve                 只启动演示页面，可用浏览器查看 / only serve the demo post
  guzheng case new|list|show           案件 / cases
  guzheng show <证据>                   查看一件证据及其文件 / show one item and its files
  guzheng log <证据或案件>              保管记录 / custody log of an item or case
  guzheng note <证据或案件> <备注>       添加备注 / add a note to the custody log
  guzheng check                        核对整个证据库 / check the whole vault
  guzheng export <证据或案件> --out f.wacz  导出证据包 / export an evidence package
  guzheng verify <f.wacz | 文件夹>       离线核对证据包或取证文件夹 / verify a package or capture folder offline
  guzheng verifier --out verify.html   写出离线核对页面 / write the offline verifier page
  guzheng backup add|list|run          在多个地方保存副本 / keep copies in several places
  guzheng scrub                        核对并修复所有副本 / re-check and repair every copy
  guzheng seal --pending               为等待时间戳的取证补上时间戳 / timestamp captures awaiting one
  guzheng verify --timestamp 令牌 --data 数据 [--ca 根证书…]   核对 RFC 3161 时间戳 / check an RFC 3161 timestamp
  guzheng assess <案件> | --facts f.json  可走的法律途径、条件和期限 / the routes open, their conditions and deadlines
  guzheng doc <文书> <案件> --out f.docx  生成通知书、起诉状、自诉状、证据目录等 / write notices, complaints, evidence lists
  guzheng law list [--json]            本工具引用的法条 / the provisions the tool relies on
  guzheng --version

${CAPTURE_HELP}

${VERIFY_HELP}

${LOGIN_HELP}

${SEAL_HELP}

${CASE_HELP}

${SHOW_HELP}

${LOG_HELP}

${CHECK_HELP}

${EXPORT_HELP}

${VERIFIER_HELP}

${BACKUP_HELP}

${ASSESS_HELP}

${DOC_HELP}

${LAW_HELP}

本工具不构成法律意见。/ This tool is not legal advice.`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  try {
    switch (command) {
      case 'capture':
        return await runCapture(rest);
      case 'demo':
        return await runDemo(rest);
      case 'login':
        return await runLogin(rest);
      case 'verify':
        return await runVerify(rest);
      case 'seal':
        return await runSeal(rest);
      case 'case':
        return await runCase(rest);
      case 'show':
        return await runShow(rest);
      case 'log':
        return await runLog(rest);
      case 'note':
        return await runNote(rest);
      case 'check':
        return await runCheck(rest);
      case 'export':
        return await runExport(rest);
      case 'verifier':
        return await runVerifier(rest);
      case 'backup':
        return await runBackupCommand(rest);
      case 'scrub':
        return await runScrub(rest);
      case 'assess':
        return await runAssess(rest);
      case 'doc':
        return await runDoc(rest);
      case 'law':
        return await runLaw(rest);
      case '--version':
      case '-v':
        process.stdout.write(`${TOOL_VERSION}\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(HELP + '\n');
        return command === undefined ? 2 : 0;
      default:
        throw new GuzhengError('E_USAGE', `未知命令“${command}”`, `Unknown command "${command}"`, 'guzheng --help');
    }
  } catch (err) {
    const e = asGuzhengError(err);
    printError(e, json);
    if (e.code === 'E_INTERNAL' && process.env.GUZHENG_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return e.code === 'E_USAGE' || e.code === 'E_FACTS' || e.code === 'E_NOT_FOUND' || e.code === 'E_URL_INVALID' || e.code === 'E_URL_SCHEME' || e.code === 'E_UNREADABLE' ? 2 : 1;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
  process.stderr.write(`[E_INTERNAL] 内部错误 / internal error: ${(err as Error).message}\n`);
  process.exit(1);
});
