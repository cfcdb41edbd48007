/**
 * The platform modules on the real saved pages and responses in ../shared/fixtures (and the synthetic ones in
 * test/fixtures/platforms where no real sample exists), as a capture records them: exact facts, states, and what
 * is missing.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractPost, platformFor } from '../src/platforms/registry.js';
import { visibleTextOf } from '../src/platforms/recorded.js';
import { countForms } from '../src/platforms/consistency.js';
import { parseCount } from '../src/platforms/facts.js';
import { visibleCounts } from '../src/platforms/visible-counts.js';
import type { Recorded } from '../src/platforms/types.js';
import { ROOT } from './helpers.js';

const shared = (p: string) => readFileSync(join(ROOT, '..', 'shared', 'fixtures', p));
const synthetic = (p: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'platforms', p));
const json = (url: string, body: Buffer) => ({ url, status: 200, mime: 'application/json; charset=utf-8', body });
const html = (url: string, body: Buffer, status = 200) => ({ url, status, mime: 'text/html; charset=utf-8', body });

async function recorded(url: string, responses: Recorded['responses'], dom: string | null = null): Promise<Recorded> {
  return { url, finalUrl: url, capturedAt: '2026-11-21T12:00:00.000Z', dom, visibleText: dom ? await visibleTextOf(dom) : '', responses };
}

describe('Weibo', () => {
  it('a post found in a recorded timeline (real m.weibo.cn getIndex): author, times, counts, pictures; no IP属地 in 2021', async () => {
    const url = 'https://m.weibo.cn/detail/4640329573078415';
    const f = await extractPost(await recorded(url, [json('https://m.weibo.cn/api/container/getIndex?type=uid&value=1907518591&containerid=1076031907518591', shared('weibo/m.weibo.cn_container_getIndex_1907518591_timeline.json'))]));
    expect(f.module).toBe('weibo');
    expect(f.state.value).toBe('normal');
    expect(f.postId?.value).toBe('4640329573078415');
    expect(f.author.name?.value).toBe('余霜YSCandice');
    expect(f.author.id?.value).toBe('1907518591');
    expect(f.author.profileUrl?.value).toBe('https://weibo.com/u/1907518591');
    expect(f.canonicalUrl?.value).toBe('https://weibo.com/1907518591/KgV9HcUPR');
    expect(f.publishedAt).toMatchObject({ value: '2021-05-24T10:44:06.000+08:00', raw: 'Mon May 24 10:44:06 +0800 2021' });
    expect(f.editedAt?.value).toBe('2021-05-28T10:38:12.000+08:00');
    expect(f.counts.reposts?.value).toBe(206);
    expect(f.counts.comments?.value).toBe(773);
    expect(f.counts.likes?.value).toBe(13758);
    expect(f.media.filter((m) => m.type === 'image')).toHaveLength(9);
    expect(f.text?.value).toContain('永远爱LPL，也永远爱英雄联盟！');
    expect(f.missing).toEqual(['ipLocation']);
    expect(f.counts.likes?.source).toContain('WARC https://m.weibo.cn/api/container/getIndex');
  });

  it('the long text and counts of /statuses/extend (real), and the facts it does not hold are reported missing', async () => {
    const url = 'https://m.weibo.cn/detail/4645748019299849';
    const f = await extractPost(await recorded(url, [json('https://m.weibo.cn/statuses/extend?id=4645748019299849', shared('weibo/m.weibo.cn_statuses_extend_4645748019299849.json'))]));
    expect(f.state.value).toBe('normal');
    expect({ reposts: f.counts.reposts?.value, comments: f.counts.comments?.value, likes: f.counts.likes?.value }).toEqual({ reposts: 7110, comments: 2202, likes: 39034 });
    expect(f.text?.value).toContain('2021明日方舟音律联觉Ambience Synesthesia专场演出官方录播将于6月12日10:30正式上线');
    expect(f.text?.value).not.toContain('<a');
    expect(f.missing).toEqual(['author.name', 'author.id', 'publishedAt', 'ipLocation']);
  });

  it('statuses/show with region_name and the first comments (synthetic, modelled on the real mblog)', async () => {
    const url = 'https://m.weibo.cn/status/Q1a2B3c4D';
    const f = await extractPost(await recorded(url, [json('https://m.weibo.cn/statuses/show?id=Q1a2B3c4D', synthetic('synthetic-m.weibo.cn_statuses_show_4990000000000002.json')),
      json('https://m.weibo.cn/comments/hotflow?id=4990000000000002&mid=4990000000000002&max_id_type=0', synthetic('synthetic-m.weibo.cn_comments_hotflow_4990000000000002.json'))]));
    expect(f.ipLocation).toMatchObject({ value: '广东', raw: '发布于 广东' });
    expect(f.author.name?.value).toBe('示例用户乙');
    expect(f.counts.reposts?.value).toBe(5212);
    expect(f.comments).toEqual([
      expect.objectContaining({ author: '示例用户丙', authorId: '7000000003', time: '2026-03-02T21:20:11.000+08:00', text: '早就看出来了，这种人就该滚出本市', ipLocation: '广东', likes: 233 }),
      expect.objectContaining({ author: '示例用户丁', text: '有证据吗？不要乱传', ipLocation: '北京', likes: 41 }),
    ]);
    expect(f.missing).toEqual([]);
  });

  it('a deleted post, a login wall, and a changed layout: the state is said plainly and nothing is guessed', async () => {
    const deleted = await extractPost(await recorded('https://m.weibo.cn/detail/4990000000000009', [], '<html><body><div>抱歉，该微博已被删除</div></body></html>'));
    expect(deleted.state).toMatchObject({ value: 'deleted-by-author', source: 'dom.html (visible text)' });
    expect(deleted.author.name).toBeNull();
    const wall = await extractPost({ ...(await recorded('https://weibo.com/7000000002/Q1a2B3c4D', [])), finalUrl: 'https://passport.weibo.com/visitor/visitor?entry=miniblog' });
    expect(wall.state.value).toBe('login-wall');
    const changed = await extractPost(await recorded('https://m.weibo.cn/detail/4990000000000010', [json('https://m.weibo.cn/api/new/layout?id=4990000000000010', Buffer.from('{"ok":1,"payload":{"weird":true}}'))], '<html><body><p>新版页面</p></body></html>'));
    expect(changed.state.value).toBe('unknown');
    expect(changed.notes.join(' ')).toContain('the layout may have changed');
    expect(changed.missing).toEqual(['author.name', 'author.id', 'publishedAt', 'ipLocation', 'text', 'counts']);
    expect(changed.postId).toMatchObject({ value: '4990000000000010', source: 'the URL' });
  });

  it('counts are compared with what the page shows: agreement is noted, disagreement flagged', async () => {
    const url = 'https://m.weibo.cn/detail/4645748019299849';
    const res = [json('https://m.weibo.cn/statuses/extend?id=4645748019299849', shared('weibo/m.weibo.cn_statuses_extend_4645748019299849.json'))];
    const good = await extractPost(await recorded(url, res, '<html><body><footer>转发 7110 评论 2202 赞 3.9万</footer></body></html>'));
    expect(good.checks).toEqual([
      { field: 'counts.reposts', ok: true, detail: 'shown on the page as "7110"' },
      { field: 'counts.comments', ok: true, detail: 'shown on the page as "2202"' },
      { field: 'counts.likes', ok: true, detail: 'shown on the page as "3.9万"' },
    ]);
    const bad = await extractPost(await recorded(url, res, '<html><body><footer>转发 7110 评论 2202 赞 4.1万</footer><script>var likes = 39034</script></body></html>'));
    expect(bad.checks.filter((c) => !c.ok).map((c) => c.field)).toEqual(['counts.likes']);
    expect(countForms(39034)).toEqual(expect.arrayContaining(['39034', '39,034', '3.9万', '3.90万', '39K']));
  });
});

describe('WeChat 公众号', () => {
  const page = (file: string, url: string) => recorded(url, [html(url, shared(`wechat/${file}`))], shared(`wechat/${file}`).toString('utf8'));

  it('a normal article (real, 2025): account, original id, time, IP属地, title, body; the read count is not on the web', async () => {
    const f = await extractPost(await page('wae_2025_normal-article_04_bo-yuan-ba.html', 'https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw'));
    expect(f.module).toBe('wechat');
    expect(f.state.value).toBe('normal');
    expect(f.title?.value).toBe('好险，就差1.5点，两手准备');
    expect(f.author.name?.value).toBe('波元霸');
    expect(f.author.id?.value).toBe('gh_139c40f8a7c6');
    expect(f.author.profileUrl?.value).toBe('https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=MzIxMTgzNjE5MA==');
    expect(f.publishedAt).toMatchObject({ value: '2025-11-04T15:59:29.000+08:00', raw: 'var ct = "1762243169"' });
    expect(f.ipLocation?.value).toBe('浙江');
    expect(f.canonicalUrl?.value).toBe('https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw');
    expect(f.postId?.value).toBe('NJgNozEXo47KCvmRL4hDiw');
    expect(f.text?.value).toContain('原以为下午2点之前或左右一根大阳线拔起');
    expect(f.counts.reads).toBeUndefined();
    expect(f.missing).toEqual(['counts']);
    expect(f.notes.join(' ')).toContain('read count is shown only inside WeChat');
  });

  it('a text-share page (real, data only in cgiData): account, time, IP属地, text', async () => {
    const f = await extractPost(await page('wae_2025_text-share_c01.html', 'https://mp.weixin.qq.com/s/13AGwyoSIgNRTRIvNCrpLw'));
    expect(f.state.value).toBe('normal');
    expect(f.author.name?.value).toBe('金榜时代官微');
    expect(f.author.id?.value).toBe('gh_bc6c492e205e');
    expect(f.publishedAt?.value).toBe('2025-01-30T18:02:14.000+08:00');
    expect(f.ipLocation?.value).toBe('天津');
    expect(f.title?.value).toBe('春节期间，如何利用碎片时间提升英语/数学水平？');
  });

  it('deleted by the publisher, removed for a violation, an expired link (real pages)', async () => {
    expect((await extractPost(await page('wae_deleted-by-author_01.html', 'https://mp.weixin.qq.com/s/deleted'))).state.value).toBe('deleted-by-author');
    const violation = await extractPost(await page('wae_content-violation_01.html', 'https://mp.weixin.qq.com/s/-WZT_VzhmSkJRAjb6GwsUA'));
    expect(violation.state).toMatchObject({ value: 'removed-by-platform' });
    // The violation notice still names the account (as the source index says: 神光的编程秘籍); the article itself is gone.
    expect(violation.author.name?.value).toBe('神光的编程秘籍');
    expect(violation.text).toBeNull();
    expect((await extractPost(await page('wechatsogou_article_detail_expired.html', 'https://mp.weixin.qq.com/s/expired'))).state.value).toBe('unavailable');
  });
});

describe('X, Bilibili, Zhihu, Douyin and TikTok', () => {
  it('X: the tweet of the URL from the real TweetDetail, with views, and its replies', async () => {
    const url = 'https://x.com/XDevelopers/status/1649191520250245121';
    const f = await extractPost(await recorded(url, [json('https://x.com/i/api/graphql/3XDB26fBve-MmjHaWTUZxA/TweetDetail?variables=%7B%7D', shared('other/x_graphql_TweetDetail_raw_tweet_details.json'))]));
    expect(f.module).toBe('x');
    expect(f.author.id).toMatchObject({ value: '2244994945', raw: '@XDevelopers' });
    expect(f.publishedAt).toMatchObject({ value: '2023-04-21T07:21:13.000+08:00', raw: 'Thu Apr 20 23:21:13 +0000 2023' });
    expect(Object.fromEntries(Object.entries(f.counts).map(([k, v]) => [k, v!.value]))).toEqual({ views: 979440, likes: 426, reposts: 202, comments: 93, quotes: 118, favourites: 73 });
    expect(f.text?.value).toContain('Today, we are deprecating our Premium v1.1 API');
    expect(f.comments.length).toBeGreaterThan(0);
    expect(f.missing).toEqual([]);
  });

  it('Bilibili: a dynamic from the real web-dynamic feed', async () => {
    const url = 'https://www.bilibili.com/opus/916751749918752793';
    const f = await extractPost(await recorded(url, [json('https://api.bilibili.com/x/polymer/web-dynamic/v1/feed/space?host_mid=161775300', shared('other/bilibili_polymer_web-dynamic_space_161775300.json'))]));
    expect(f.author.name?.value).toBe('明日方舟');
    expect(f.author.id?.value).toBe('161775300');
    expect(f.publishedAt).toMatchObject({ value: '2024-04-05T11:05:00.000+08:00', raw: '1712286300' });
    expect(Object.fromEntries(Object.entries(f.counts).map(([k, v]) => [k, v!.value]))).toEqual({ comments: 5954, reposts: 303, likes: 26249 });
    expect(f.counts.reposts?.source).toContain('module_stat.forward');
    expect(f.missing).toEqual(['ipLocation']);
  });

  it('Bilibili: a video\'s 分享 (stat.share) is shares, not reposts (synthetic /x/web-interface/view)', async () => {
    const url = 'https://www.bilibili.com/video/BV1xx411c7mD';
    const body = Buffer.from(JSON.stringify({ code: 0, message: '0', data: { bvid: 'BV1xx411c7mD', aid: 2, title: '示例视频（虚构）', desc: '示例', pubdate: 1772457240,
      owner: { mid: 100000001, name: '示例用户甲' }, stat: { view: 12345, danmaku: 67, reply: 89, favorite: 10, coin: 5, share: 800, like: 456 } } }));
    const f = await extractPost(await recorded(url, [json('https://api.bilibili.com/x/web-interface/wbi/view?bvid=BV1xx411c7mD', body)]));
    expect(f.state.value).toBe('normal');
    expect(Object.fromEntries(Object.entries(f.counts).map(([k, v]) => [k, v!.value]))).toEqual({ plays: 12345, danmaku: 67, comments: 89, favourites: 10, shares: 800, likes: 456 });
    expect(f.counts.shares?.source).toContain('stat.share');
  });

  it('Zhihu: an answer in the real (2015) page markup', async () => {
    const url = 'https://www.zhihu.com/question/24825703/answer/39753456';
    const body = shared('other/zhihu_2015_answer.html');
    const f = await extractPost(await recorded(url, [html(url, body)], body.toString('utf8')));
    expect(f.module).toBe('zhihu');
    expect(f.state.value).toBe('normal');
    expect(f.author.name?.value).toBe('芝士就是力量');
    expect(f.author.id?.value).toBe('zhi-shi-jiu-shi-li-liang-13');
    expect(f.publishedAt).toMatchObject({ value: '2015-02-14T18:13:00.000+08:00', raw: '1423908780' });
    expect(f.counts.likes?.value).toBe(97);
    expect(f.text?.value).toContain('幽冥之事，实所难言');
  });

  it('TikTok: the real item detail; Douyin: aweme_detail with IP属地 (synthetic)', async () => {
    const t = await extractPost(await recorded('https://www.tiktok.com/@vantoan___/video/7305827432509082913', [json('https://www.tiktok.com/api/item/detail/?itemId=7305827432509082913', shared('other/tiktok_item_detail_7305827432509082913.json'))]));
    expect(t).toMatchObject({ platform: 'tiktok', module: 'douyin' });
    expect(t.author.name?.value).toBe('Van');
    expect(t.author.id).toMatchObject({ value: '6839815725969687558', raw: '@vantoan___' });
    expect(t.publishedAt?.value).toBe('2023-11-27T01:41:48.000+08:00');
    expect(Object.fromEntries(Object.entries(t.counts).map(([k, v]) => [k, v!.value]))).toEqual({ plays: 19100000, likes: 1700000, comments: 7121, shares: 8829, favourites: 210700 });
    const d = await extractPost(await recorded('https://www.douyin.com/video/7300000000000000001', [json('https://www.douyin.com/aweme/v1/web/aweme/detail/?aweme_id=7300000000000000001', synthetic('synthetic-douyin_aweme_detail_7300000000000000001.json'))]));
    expect(d).toMatchObject({ platform: 'douyin', module: 'douyin' });
    expect(d.ipLocation?.value).toBe('广东');
    expect(d.author.name?.value).toBe('示例用户戊');
    expect(d.counts.likes?.value).toBe(98765);
    // 分享 (share_count) is not 转发: kept as shares, and no repost count is made up from it.
    expect(d.counts.shares).toMatchObject({ value: 5012, source: expect.stringContaining('statistics.share_count') });
    expect(d.counts.reposts).toBeUndefined();
    expect(t.counts.reposts).toBeUndefined();
    expect(d.missing).toEqual([]);
  });

  it('every other site gets the generic module', () => {
    expect(platformFor(new URL('https://example.org/a')).id).toBe('generic');
    expect(platformFor(new URL('https://weibo.com/123/abc')).id).toBe('weibo');
    expect(platformFor(new URL('https://t.bilibili.com/1')).id).toBe('bilibili');
  });
});

describe('Xiaohongshu, Tieba and Douban (synthetic pages modelled on the real layouts)', () => {
  const page = async (file: string, url: string) => {
    const body = synthetic(file);
    return extractPost(await recorded(url, [html(url, body)], body.toString('utf8')));
  };

  it('Xiaohongshu: a note from window.__INITIAL_STATE__, with IP属地 and counts as the page shows them', async () => {
    const f = await page('synthetic-xiaohongshu_explore_65f0000000000000000000a1.html', 'https://www.xiaohongshu.com/explore/65f0000000000000000000a1');
    expect(f).toMatchObject({ module: 'xiaohongshu', state: { value: 'normal' } });
    expect(f.author.name?.value).toBe('示例用户己');
    expect(f.ipLocation?.value).toBe('上海');
    expect(f.publishedAt?.value).toBe('2026-03-02T21:14:00.000+08:00');
    expect(f.counts.likes).toMatchObject({ value: 12000, raw: '1.2万' });
    expect(f.counts.shares).toMatchObject({ value: 210, source: expect.stringContaining('interactInfo.shareCount') });
    expect(f.counts.reposts).toBeUndefined();
    expect(f.checks.filter((c) => !c.ok)).toEqual([{ field: 'counts.shares', ok: false, detail: expect.stringContaining('does not appear on the page') }]);
    expect(f.missing).toEqual([]);
  });

  it('Tieba: the first floor, its IP属地, the reply count and the next floors', async () => {
    const f = await page('synthetic-tieba_p_9000000001.html', 'https://tieba.baidu.com/p/9000000001');
    expect(f).toMatchObject({ module: 'tieba', state: { value: 'normal' } });
    expect(f.title?.value).toBe('【曝光】某某（虚构人物）的真面目');
    expect(f.author.name).toMatchObject({ value: '示例用户庚', raw: 'example_geng' });
    expect(f.author.id?.value).toBe('6000000001');
    expect(f.publishedAt?.value).toBe('2026-03-02T21:14:00.000+08:00');
    expect(f.ipLocation?.value).toBe('广东');
    expect(f.counts.comments?.value).toBe(57);
    expect(f.text?.value).toBe('大家注意某某（虚构人物），\n此人借钱不还还到处造谣！');
    expect(f.comments).toEqual([expect.objectContaining({ author: '示例用户辛', ipLocation: '湖南', time: '2026-03-02T21:30:00.000+08:00', text: '顶，让更多人看到' })]);
  });

  it('Douban: a group topic with IP属地, likes, replies', async () => {
    const f = await page('synthetic-douban_group_topic_300000001.html', 'https://www.douban.com/group/topic/300000001/');
    expect(f).toMatchObject({ module: 'douban', state: { value: 'normal' } });
    expect(f.author.id?.value).toBe('example_ren');
    expect(f.publishedAt?.value).toBe('2026-03-02T21:14:17.000+08:00');
    expect(f.ipLocation?.value).toBe('广东');
    expect(f.counts.likes?.value).toBe(412);
    expect(f.counts.comments?.value).toBe(23);
    expect(f.comments[0]).toMatchObject({ author: '示例用户癸', ipLocation: '北京', text: '早就听说了' });
    expect(f.missing).toEqual([]);
  });
});

describe('counts a person sees on any page (visible text)', () => {
  const values = (text: string) => Object.fromEntries(Object.entries(visibleCounts(text).counts).map(([k, v]) => [k, v!.value]));

  it('label then number, number then label, abbreviated numbers as their shown lower bound, the raw string kept', () => {
    expect(visibleCounts('阅读 10万+').counts.reads).toEqual({ value: 100000, raw: '10万+', source: 'dom.html (visible text: "阅读 10万+")' });
    expect(visibleCounts('12,345 阅读').counts.reads).toEqual({ value: 12345, raw: '12,345', source: 'dom.html (visible text: "12,345 阅读")' });
    expect(visibleCounts('转发 678').counts.reposts).toMatchObject({ value: 678, raw: '678' });
    expect(values('1.2万次播放 3条评论')).toEqual({ plays: 12000, comments: 3 });
    expect(values('阅读：1.2w')).toEqual({ reads: 12000 });
    expect(values('3亿播放')).toEqual({ plays: 300_000_000 });
    expect(values('10万+阅读')).toEqual({ reads: 100000 });
    expect(visibleCounts('评论(3) 赞（12）').counts).toEqual({
      comments: { value: 3, raw: '3', source: 'dom.html (visible text: "评论(3)")' }, likes: { value: 12, raw: '12', source: 'dom.html (visible text: "赞（12）")' } });
    expect(values('浏览量 5,200 收藏 7 弹幕 30 点赞 9')).toEqual({ views: 5200, favourites: 7, danmaku: 30, likes: 9 });
    expect([parseCount('1.2万'), parseCount('10万+'), parseCount('1.2w'), parseCount('3亿'), parseCount('12,345')]).toEqual([12000, 100000, 12000, 300_000_000, 12345]);
  });

  it('a row of counts as a Weibo-style page shows them, one per line; 分享 (share button) is not 转发 (repost)', () => {
    expect(values('示例用户甲\nUID：7000000001 · 2026-03-02 21:14 · 来自 iPhone客户端\n 阅读 12,345\n 转发 678\n 评论 234\n 赞 1,567\n 路人乙：真的假的？ 3月2日 21:20'))
      .toEqual({ reads: 12345, reposts: 678, comments: 234, likes: 1567 });
    expect(values('分享 5 转发 6')).toEqual({ shares: 5, reposts: 6 });
  });

  it('conservative: no label, another word, a date or time, an unclear run, different numbers for one label → no count', () => {
    expect(values('获赞 1.2万 粉丝 300')).toEqual({}); // an account's total, not the post's
    expect(values('赞赏 3 发表评论 12 转发到微博 12 阅读全文 5')).toEqual({});
    expect(values('转发让更多人看到 3月2日 21:31 12%')).toEqual({});
    expect(values('2026-03-02 21:14 转发 3')).toEqual({ reposts: 3 });
    const unclear = visibleCounts('转发 678 评论');
    expect(unclear.counts).toEqual({});
    expect(unclear.notes).toEqual([expect.stringContaining('cannot be told which number belongs to which label')]);
    const conflicting = visibleCounts('正文 赞 12。\n 评论：路人乙 很好 赞 13。');
    expect(conflicting.counts).toEqual({});
    expect(conflicting.notes).toEqual([expect.stringContaining('different numbers for likes ("赞 12", "赞 13")')]);
    // The same number shown twice (a sticky bar repeating the counts) is one count.
    expect(values('阅读 99 …… 阅读 99')).toEqual({ reads: 99 });
  });

  it('the generic module reads them from dom.html only (not scripts or attributes), and the check finds them on the page', async () => {
    const page = '<html><head><title>某论坛帖子</title><script>var stats = "阅读 99999";</script></head><body><h1>标题</h1><p data-x="转发 5">正文很长的内容。</p>'
      + '<div class="bar"><span>阅读 <b>10万+</b></span> <span>分享 <b>1.2w</b></span> <span>评论 <b>3</b></span></div></body></html>';
    const f = await extractPost(await recorded('https://bbs.example.org/t/1', [html('https://bbs.example.org/t/1', Buffer.from(page))], page));
    expect(f.module).toBe('generic');
    expect(f.counts).toEqual({ reads: { value: 100000, raw: '10万+', source: 'dom.html (visible text: "阅读 10万+")' },
      shares: { value: 12000, raw: '1.2w', source: 'dom.html (visible text: "分享 1.2w")' }, comments: { value: 3, raw: '3', source: 'dom.html (visible text: "评论 3")' } });
    expect(f.checks.filter((c) => c.field.startsWith('counts.'))).toEqual([
      { field: 'counts.reads', ok: true, detail: 'shown on the page as "10万"' }, { field: 'counts.shares', ok: true, detail: 'shown on the page as "1.2w"' },
      { field: 'counts.comments', ok: true, detail: 'shown on the page as "3"' }]);
    expect(f.missing).not.toContain('counts');
    expect(f.notes.join(' ')).toContain('"10万+" as its lower bound');
  });

  it('the bundled demo post (a Weibo-styled page on 127.0.0.1, read by the generic module)', async () => {
    const page = readFileSync(join(ROOT, 'assets', 'demo', 'post', '4990000000000001.html'), 'utf8');
    const url = 'http://127.0.0.1:8080/post/4990000000000001.html';
    const f = await extractPost(await recorded(url, [html(url, Buffer.from(page))], page));
    expect(f.module).toBe('generic');
    expect(Object.fromEntries(Object.entries(f.counts).map(([k, v]) => [k, [v!.value, v!.source]]))).toEqual({
      reads: [12345, 'dom.html (visible text: "阅读 12,345")'], reposts: [678, 'dom.html (visible text: "转发 678")'],
      comments: [234, 'dom.html (visible text: "评论 234")'], likes: [1567, 'dom.html (visible text: "赞 1,567")'] });
  });
});
