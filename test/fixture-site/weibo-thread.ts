/**
 * A synthetic m.weibo.cn post with its comment thread, modelled on the real page and its API answers: the post from
 * /statuses/show, comments ten at a time from /comments/hotflow (max_id paging, up to two replies nested in each),
 * a comment's replies from /comments/hotFlowChild?cid=, and the repost list from /api/statuses/repostTimeline.
 * The page loads the first comments by itself; "点击加载更多" loads the next ten, "共N条回复" opens the replies,
 * and the 转发 / 评论 tabs switch between the repost list and the comments, as the real page does. Everyone is fictional.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const THREAD_ID = '4990000000000003';
export const THREAD_COMMENTS = 25;
const REPOSTS = 10;
const PAGE = 10;

const weiboTime = (minute: number) => `Tue Mar 03 ${String(9 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00 +0800 2026`;
const user = (n: number) => ({ id: 7100000000 + n, screen_name: `示例评论者${n}`, profile_url: `https://m.weibo.cn/u/${7100000000 + n}?uid=${7100000000 + n}` });
const commentId = (n: number) => 4990000000300000 + n;

function reply(parent: number, k: number) {
  return { created_at: weiboTime(parent + k + 1), id: commentId(parent * 100 + k), rootid: commentId(parent), text: `回复第${parent}条的第${k}条：同意`, source: '来自上海',
    user: user(500 + parent * 10 + k), like_count: k };
}
const REPLIES: Record<number, number> = { 1: 3, 2: 2 };

function comment(n: number) {
  const replies = REPLIES[n] ?? 0;
  return { created_at: weiboTime(n), id: commentId(n), rootid: commentId(n), text: `第${n}条评论：这种人就该曝光`, source: n % 2 ? '来自广东' : '来自北京', user: user(n),
    like_count: 100 - n, total_number: replies, comments: replies ? [reply(n, 1)] : false };
}

const STATUS = {
  ok: 1, data: { created_at: 'Tue Mar 03 08:30:00 +0800 2026', id: THREAD_ID, mid: THREAD_ID, bid: 'Q1a2B3c4E', text: '【扩散】再发一遍，看清楚这个人（虚构人物）！', source: 'iPhone客户端',
    user: { id: 7000000002, screen_name: '示例用户乙', profile_url: 'https://m.weibo.cn/u/7000000002?uid=7000000002' },
    reposts_count: 612, comments_count: THREAD_COMMENTS, attitudes_count: 1300, region_name: '发布于 广东', pics: [] },
};

function api(url: URL): unknown {
  if (url.pathname === '/statuses/show') return STATUS;
  if (url.pathname === '/comments/hotflow') {
    const start = Number(url.searchParams.get('max_id') ?? '0'); // the page passes the index of the next comment
    const list = Array.from({ length: Math.min(PAGE, THREAD_COMMENTS - start) }, (_, i) => comment(start + i + 1));
    const next = start + list.length;
    return { ok: 1, data: { data: list, total_number: THREAD_COMMENTS, max_id: next < THREAD_COMMENTS ? next : 0, max_id_type: 0 } };
  }
  if (url.pathname === '/comments/hotFlowChild') {
    const parent = [...Object.keys(REPLIES)].map(Number).find((n) => String(commentId(n)) === url.searchParams.get('cid'));
    return { ok: 1, data: parent ? Array.from({ length: REPLIES[parent]! }, (_, k) => reply(parent, k + 1)) : [], max_id: 0 };
  }
  if (url.pathname === '/api/statuses/repostTimeline') {
    return { ok: 1, data: { data: Array.from({ length: REPOSTS }, (_, i) => ({ created_at: weiboTime(200 + i), id: String(4990000000400000 + i), text: `//@示例用户乙: 转发第${i + 1}次`,
      region_name: '发布于 浙江', user: user(900 + i), attitudes_count: i, reposts_count: 0, comments_count: 0 })), total_number: 612 } };
  }
  return null;
}

const PAGE_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>微博正文 - 微博</title>
<style>.tab-item{display:inline-block;margin:8px;cursor:pointer}.c{margin:6px 0}.more-replies,.load-more{color:#eb7350;cursor:pointer}</style></head><body>
<main id="post">加载中…</main><div class="lite-page-tab"><div class="tab-item" id="tab-repost">转发 612</div><div class="tab-item" id="tab-comment">评论 ${THREAD_COMMENTS}</div><div class="tab-item">赞 1300</div></div>
<section id="list"></section><div class="load-more" id="more">点击加载更多</div>
<script>
const id = '${THREAD_ID}';
let comments = [], next = 0;
const get = (u) => fetch(u).then((r) => r.json());
const esc = (s) => s.replace(/[<&]/g, (c) => ({ '<': '&lt;', '&': '&amp;' })[c]);
function showComments() {
  document.getElementById('list').innerHTML = comments.map((c) => '<div class="c" id="c' + c.id + '"><b>' + esc(c.user.screen_name) + '</b>：' + esc(c.text) +
    (c.total_number ? ' <span class="more-replies" data-cid="' + c.id + '">共' + c.total_number + '条回复</span>' : '') + '<div class="replies"></div></div>').join('');
  document.getElementById('more').textContent = next ? '点击加载更多' : '没有更多了';
  document.getElementById('more').style.display = '';
}
async function loadComments() {
  const d = await get('/comments/hotflow?id=' + id + '&mid=' + id + '&max_id=' + next + '&max_id_type=0');
  comments = comments.concat(d.data.data);
  next = d.data.max_id;
  showComments();
}
document.addEventListener('click', async (e) => {
  const t = e.target;
  if (t.id === 'more' && next) await loadComments();
  if (t.classList.contains('more-replies')) {
    const d = await get('/comments/hotFlowChild?cid=' + t.dataset.cid + '&max_id=0&max_id_type=0');
    t.parentElement.querySelector('.replies').innerHTML = d.data.map((r) => '<div class="c">↳ ' + esc(r.user.screen_name) + '：' + esc(r.text) + '</div>').join('');
    t.remove();
  }
  if (t.id === 'tab-repost') {
    const d = await get('/api/statuses/repostTimeline?id=' + id + '&page=1');
    document.getElementById('list').innerHTML = d.data.data.map((m) => '<div class="c">' + esc(m.user.screen_name) + '：' + esc(m.text) + '</div>').join('');
    document.getElementById('more').style.display = 'none';
  }
  if (t.id === 'tab-comment') showComments();
});
get('/statuses/show?id=' + id).then((d) => {
  document.getElementById('post').innerHTML = '<h3>' + d.data.user.screen_name + '</h3><div class="weibo-text">' + d.data.text + '</div><footer>' + d.data.region_name + '</footer>';
  return loadComments();
});
</script></body></html>`;

/** Answers the thread's page and API requests; false when the request is not one of them. */
export function weiboThread(url: URL, res: ServerResponse, _req?: IncomingMessage): boolean {
  if (url.hostname !== 'm.weibo.cn') return false;
  if (url.pathname === `/detail/${THREAD_ID}`) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(PAGE_HTML);
    return true;
  }
  const isThread = url.searchParams.get('id') === THREAD_ID || url.pathname === '/comments/hotFlowChild';
  const body = isThread ? api(url) : null;
  if (!body) return false;
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
  return true;
}
