/**
 * WeChat 公众号 articles (mp.weixin.qq.com): normal articles, text-share and image-share pages. The facts are in the
 * article page as received (its inline script variables: ct, createTime, nickname, user_name, msg_title, msg_link,
 * provinceName; or window.cgiDataNew for share pages); the body from the DOM snapshot. Deleted and violation pages
 * are recognised by their wording. Read counts are shown only inside WeChat and are reported missing.
 */
import { emptyFacts, fact, htmlToText, listMissing, mainDocument, setState, warcSource } from './facts.js';
import { fromBeijingWallClock, fromUnix } from './times.js';
import type { PlatformModule, PostFacts, Recorded } from './types.js';

/** The first match of each pattern: a quoted string in single or double quotes, unwrapped from htmlDecode()/JsDecode(). */
function variable(html: string, patterns: RegExp[]): { value: string; raw: string } | null {
  for (const re of patterns) {
    const m = re.exec(html);
    if (m && m[2] !== undefined && m[2] !== '') return { value: decodeJs(m[2]), raw: m[0] };
  }
  return null;
}

function decodeJs(s: string): string {
  return s.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\\(.)/g, '$1');
}

const q = (name: string) => new RegExp(`${name}\\s*[=:]\\s*(?:htmlDecode\\(|JsDecode\\()?\\s*(['"])((?:\\\\.|(?!\\1).)*)\\1`);

const GONE: [RegExp, PostFacts['state']['value'], string][] = [
  [/该内容已被发布者删除/, 'deleted-by-author', 'the page says the content was deleted by the publisher'],
  [/此内容因违规无法查看|内容因违规|违反.{0,20}(规定|规范)|涉嫌违反相关法律法规/, 'removed-by-platform', 'the page says the content was removed for a violation'],
  [/此内容被投诉且经审核涉嫌侵权|被多人投诉/, 'removed-by-platform', 'the page says the content was removed after complaints'],
  [/链接已过期/, 'unavailable', 'the page says the link has expired'],
  [/环境异常|完成验证后即可继续访问/, 'login-wall', 'WeChat asks for a verification before showing the article'],
];

export const wechat: PlatformModule = {
  id: 'wechat',
  name: { zh: '微信公众号', en: 'WeChat Official Accounts' },
  match: (url) => url.hostname === 'mp.weixin.qq.com',

  extract(r: Recorded): PostFacts {
    const f = emptyFacts('wechat', r);
    const doc = mainDocument(r);
    const html = doc ? doc.body.toString('utf8') : (r.dom ?? '');
    const src = (what: string) => (doc ? warcSource(doc, what) : `dom.html (${what})`);

    const gone = GONE.find(([re]) => re.test(r.visibleText) || re.test(html.slice(0, 200_000)));
    const title = variable(html, [q('var msg_title'), q('window\\.msg_title = window\\.title'), /\btitle\s*:\s*JsDecode\((['"])((?:\\.|(?!\1).)*)\1\)/, /<meta property="og:title" content=(")([^"]*)"/]);
    if (gone && !/var ct\s*=\s*"\d+"/.test(html)) setState(f, gone[1], src('page wording'), gone[2]);
    else if (title) setState(f, 'normal', src('article variables'));

    f.title = title ? fact(title.value.replace(/'?\.html\(false\)$/, ''), src('msg_title'), title.raw) : null;
    const ct = variable(html, [q('var ct'), q('window\\.ct'), /\bori_create_time\s*:\s*(['"])(\d{9,})\1/]);
    const wall = variable(html, [q('var createTime'), q('create_time')]);
    if (ct) f.publishedAt = fact(fromUnix(ct.value), src('ct'), ct.raw);
    else if (wall) f.publishedAt = fact(fromBeijingWallClock(wall.value), src('createTime'), wall.raw);
    const nick = variable(html, [q('var nickname'), q('nick_name'), q('nickname')]);
    f.author.name = nick ? fact(nick.value, src('nickname'), nick.raw) : null;
    const user = variable(html, [q('var user_name'), q('user_name')]);
    f.author.id = user ? fact(user.value, src('user_name (the account\'s original id)'), user.raw) : null;
    const biz = variable(html, [q('var biz'), q('biz')]);
    if (biz) f.author.profileUrl = fact(`https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=${biz.value}`, src('biz'), biz.raw);
    const link = variable(html, [q('var msg_link'), /\blink\s*:\s*JsDecode\((['"])(https?:\/\/mp\.weixin\.qq\.com[^'"]*)\1/, /<meta property="og:url" content=(")([^"]*)"/]);
    f.canonicalUrl = link ? fact(link.value.replace(/#rd$/, ''), src('msg_link'), link.raw) : null;
    const path = /\/s\/([\w-]+)/.exec(f.canonicalUrl?.value ?? new URL(r.finalUrl ?? r.url).pathname);
    const mid = variable(html, [q('var mid'), q('mid'), q('appmsgid')]);
    f.postId = path ? fact(path[1], f.canonicalUrl ? src('msg_link') : 'the URL') : mid ? fact(mid.value, src('mid'), mid.raw) : null;
    const province = variable(html, [/provinceName\s*:\s*(['"])([^'"]+)\1/, q('province_name')]);
    f.ipLocation = province ? fact(province.value, src('ip_wording provinceName'), province.raw) : null;

    if (r.dom && f.state.value === 'normal') {
      const m = /<div[^>]+id="js_content"[^>]*>([\s\S]*?)<\/div>\s*(?:<script|<div[^>]+id="js_(?:tags|pc_qr_code|bottom))/i.exec(r.dom);
      const body = m ? htmlToText(m[1]!).replace(/\n{3,}/g, '\n\n') : null;
      const share = variable(html, [q('content_noencode'), q('desc')]);
      f.text = body ? fact(body, 'dom.html (#js_content)') : share ? fact(share.value, src('content'), undefined) : null;
      for (const img of r.dom.matchAll(/<img[^>]+data-src="(https?:\/\/mmbiz[^"]+)"/g)) if (f.media.length < 200) f.media.push({ type: 'image', url: img[1]!.replace(/&amp;/g, '&'), source: 'dom.html (#js_content img)' });
    }
    const read = variable(html, [/var read_num\s*=\s*(['"])(\d+)\1/]);
    if (read) f.counts.reads = { value: Number(read.value), source: src('read_num'), raw: read.raw };
    else f.notes.push('阅读数只在微信内、登录后显示，网页中没有 / the read count is shown only inside WeChat when logged in, not on the web page');
    listMissing(f);
    return f;
  },
};
