/** guzheng chat <item> [--search TEXT] [--select RANGES] [--json]: read, search and select an imported chat. */
import { GuzhengError } from '../errors.js';
import { identityChecklists, linkIdentity, readChat, searchChat, selectMessages, IDENTITY_FIELDS, type IdentityChecklist } from '../actions/chats.js';
import { beijing } from '../imports/chat/transcript.js';
import type { ChatMessage } from '../imports/chat/model.js';
import { parseCommandArgs, withVault } from './output.js';

export const CHAT_HELP = `用法 / usage: guzheng chat <证据 item> [选项 options]

  显示导入的聊天记录 / show an imported chat
  --search 文字      只显示含有这些文字的消息（内容、发送人、账号）/ only messages holding this text (content, sender, account)
  --select 3-5,9     选定重要的消息（记入保管记录，文书引用最新的选择）/ choose the messages that matter (recorded in the
                     custody log; documents quote the newest choice)
  --identity         对方身份核对清单：账号、主页取证、转账记录、电话、姓名，已有什么、还缺什么 / the checklist that ties
                     each other party's account to a person: what the case holds and what is missing
  --party 账号 --link 项=值
                     为对方补充一项（记入保管记录）/ link one piece to a party (recorded in the custody log), e.g.
                     --party wxid_zhangsan001 --link profile=<主页取证的证据编号>  (profile, payment, phone, realName)
  --json             输出 JSON / print JSON`;

const checklistText = (parties: IdentityChecklist[]) => parties.flatMap((p) => [
  `  对方 / party: ${p.party.name ?? '—'}${p.party.id ? ` (${p.party.id})` : ''}`,
  ...p.have.map((h) => `    ✔ ${IDENTITY_FIELDS[h.field].zh} / ${IDENTITY_FIELDS[h.field].en}: ${h.value}`),
  ...p.missing.map((f) => `    ✘ 尚缺 / missing: ${IDENTITY_FIELDS[f].zh} / ${IDENTITY_FIELDS[f].en}`),
]);

const line = (m: ChatMessage) => `  #${m.index}  ${beijing(m.time.utc)}${m.time.zoneAssumed ? '*' : ''}  ${m.sender.name ?? '—'}${m.sender.id ? ` (${m.sender.id})` : ''}: ${m.type === 'text' ? '' : `[${m.type}] `}${m.text.replace(/\n/g, ' ⏎ ')}`;

export async function runChat(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { search: { type: 'string' }, select: { type: 'string' }, identity: { type: 'boolean' }, party: { type: 'string' },
    link: { type: 'string' }, json: { type: 'boolean' } }, CHAT_HELP);
  if (positionals.length !== 1) throw new GuzhengError('E_USAGE', '请给出一个证据编号', 'Give one item id', CHAT_HELP);
  if (values.search !== undefined && values.select !== undefined) throw new GuzhengError('E_USAGE', '--search 和 --select 只能选一个', '--search and --select exclude each other', CHAT_HELP);
  if (Boolean(values.party) !== Boolean(values.link)) throw new GuzhengError('E_USAGE', '--party 和 --link 要一起给出', 'Give --party and --link together', CHAT_HELP);
  if (values.identity || values.link) {
    return withVault(async (vault) => {
      const parties = values.link ? await linkIdentity(vault, positionals[0]!, values.party!, values.link, 'guzheng chat')
        : (await identityChecklists(vault, positionals[0]!)).parties;
      process.stdout.write(values.json ? `${JSON.stringify({ parties })}\n` : [`对方身份核对清单 / identity checklist`, ...checklistText(parties)].join('\n') + '\n');
      return 0;
    });
  }
  return withVault(async (vault) => {
    const ref = positionals[0]!;
    let shown: ChatMessage[];
    let head: Record<string, unknown>;
    if (values.search !== undefined) {
      const { view, matches } = await searchChat(vault, ref, values.search);
      shown = matches;
      head = { item: view.item, case: view.case, query: values.search, total: view.messages.length, found: matches.length };
    } else if (values.select !== undefined) {
      const { view, chosen } = await selectMessages(vault, ref, values.select, 'guzheng chat');
      shown = chosen;
      head = { item: view.item, case: view.case, selection: view.selection };
    } else {
      const view = await readChat(vault, ref);
      shown = view.messages;
      head = { item: view.item, case: view.case, format: view.format, title: view.title, total: view.messages.length, selection: view.selection };
    }
    if (values.json) {
      process.stdout.write(JSON.stringify({ ...head, messages: shown }) + '\n');
    } else {
      const title = values.search !== undefined ? `找到 ${shown.length} 条 / ${shown.length} found for “${values.search}”`
        : values.select !== undefined ? `已选定 ${shown.length} 条消息（记入保管记录）/ ${shown.length} message(s) chosen (recorded in the custody log)` : `聊天记录 / chat: ${shown.length} 条 / messages`;
      process.stdout.write([`证据 / item ${head.item}`, title, ...shown.map(line), '  * 时区为推定 / zone assumed'].join('\n') + '\n');
    }
    return 0;
  });
}
