/**
 * The platform modules, each the same shape (match · behaviour · extract), and the step that turns a capture's
 * recordings into post.json.
 */
import { bilibili } from './bilibili.js';
import { checkAgainstVisibleText } from './consistency.js';
import { douyin } from './douyin.js';
import { generic } from './generic.js';
import type { PlatformModule, PostFacts, Recorded } from './types.js';
import { wechat } from './wechat.js';
import { weibo } from './weibo.js';
import { x } from './x.js';
import { zhihu } from './zhihu.js';
import { xiaohongshu } from './xiaohongshu.js';
import { tieba } from './tieba.js';
import { douban } from './douban.js';

export const PLATFORMS: PlatformModule[] = [weibo, wechat, douyin, bilibili, zhihu, xiaohongshu, tieba, douban, x];

export function platformFor(url: URL): PlatformModule {
  return PLATFORMS.find((p) => p.match(url)) ?? generic;
}

export async function extractPost(r: Recorded): Promise<PostFacts> {
  const module = platformFor(new URL(r.url));
  let facts: PostFacts;
  try {
    facts = await module.extract(r);
  } catch (err) {
    // A module that breaks on an unexpected layout must not lose the capture: report it and fall back.
    facts = await generic.extract(r);
    facts.notes.push(`the ${module.id} module failed (${(err as Error).message}); the generic reading is given instead / ${module.name.zh}模块出错，改用通用读取`);
  }
  if (facts.state.value === 'unknown' && module !== generic) {
    facts.notes.push(`${module.name.zh}模块没有在记录中找到这条内容：页面结构可能已改变，或内容不可见 / the ${module.name.en} module found no post in what was recorded: the layout may have changed, or the post is not visible`);
  }
  checkAgainstVisibleText(facts, r.visibleText);
  return facts;
}
