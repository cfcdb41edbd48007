/**
 * Chinese first, English on request. The choice is kept in localStorage. Screens write their texts as pairs,
 * tr('中文', 'English'), next to where they are used; the words several screens share are here.
 */
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Need } from '../../identity/roles';
import type { ItemStatus, Role, SealState, Texts, VerifyState } from './api';

export type Lang = 'zh' | 'en';

const KEY = 'guzheng.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export interface LangApi {
  lang: Lang;
  setLang: (l: Lang) => void;
  /** The text in the chosen language. */
  tr: (zh: string, en: string) => string;
  /** A {zh, en} pair from the server, in the chosen language. */
  pick: (t: Partial<Texts> | null | undefined) => string;
}

const LangContext = createContext<LangApi>({ lang: 'zh', setLang: () => undefined, tr: (zh) => zh, pick: (t) => t?.zh ?? t?.en ?? '' });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(KEY, l);
    } catch { /* private mode: the choice lasts for this page only */ }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = lang === 'zh' ? '固证 guzheng' : 'guzheng 固证';
  }, [lang]);
  const value = useMemo<LangApi>(() => ({
    lang,
    setLang,
    tr: (zh, en) => (lang === 'zh' ? zh : en),
    pick: (t) => (lang === 'zh' ? t?.zh ?? t?.en ?? '' : t?.en ?? t?.zh ?? ''),
  }), [lang, setLang]);
  return createElement(LangContext.Provider, { value }, children);
}

export const useLang = () => useContext(LangContext);

/** A case's screens, in the order of the menu; `need`: the role a screen's whole purpose needs (on the organisation
 *  server; the local app has one user). */
export const CASE_SCREENS: readonly { key: string; zh: string; en: string; need: Need }[] = [
  { key: '', zh: '证据', en: 'Evidence', need: 'view' },
  { key: 'capture', zh: '取证', en: 'Capture', need: 'work' },
  { key: 'import', zh: '导入文件', en: 'Import files', need: 'work' },
  { key: 'watch', zh: '跟踪帖子', en: 'Watch posts', need: 'view' },
  { key: 'facts', zh: '案件事实', en: 'Case facts', need: 'view' },
  { key: 'routes', zh: '法律途径', en: 'Legal routes', need: 'view' },
  { key: 'documents', zh: '文书', en: 'Documents', need: 'work' }, // no list of earlier documents yet: nothing for a viewer
  { key: 'export', zh: '导出与核对', en: 'Export & verify', need: 'view' },
];

/** The roles of the organisation server, as the header names them. */
export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  owner: { zh: '负责人', en: 'Owner' },
  lawyer: { zh: '律师', en: 'Lawyer' },
  staff: { zh: '工作人员', en: 'Staff' },
  viewer: { zh: '只读', en: 'Viewer' },
};

export const STATUS: Record<ItemStatus, { zh: string; en: string; color: string }> = {
  COMPLETE: { zh: '完整', en: 'Complete', color: 'success' },
  PARTIAL: { zh: '部分完成', en: 'Partial', color: 'warning' },
  FAILED: { zh: '失败', en: 'Failed', color: 'error' },
  capturing: { zh: '取证中', en: 'Capturing', color: 'processing' },
  interrupted: { zh: '已中断', en: 'Interrupted', color: 'default' },
};

export const SEAL: Record<Exclude<SealState, null>, { zh: string; en: string; color: string }> = {
  timestamped: { zh: '已加盖时间戳', en: 'Timestamped', color: 'success' },
  'awaiting-timestamp': { zh: '等待时间戳', en: 'Awaiting timestamp', color: 'warning' },
  unsealed: { zh: '未封存', en: 'Not sealed', color: 'default' },
};

export const VERIFY: Record<VerifyState, { zh: string; en: string; color: string; alert: 'success' | 'warning' | 'error' }> = {
  valid: { zh: '有效：文件完整，时间已由第三方固定', en: 'Valid: intact, time fixed by a third party', color: 'success', alert: 'success' },
  'intact-time-not-fixed': { zh: '完整，但时间未经第三方固定', en: 'Intact, time not fixed by a third party', color: 'warning', alert: 'warning' },
  invalid: { zh: '无效：文件被改动或签名不符', en: 'Invalid: files changed or the signature does not match', color: 'error', alert: 'error' },
};

/** The six routes of src/assess, for places that only have a route's id. */
export const ROUTES: Record<string, Texts> = {
  'platform-notice': { zh: '通知平台删除', en: 'Notice to the platform' },
  'demand-letter': { zh: '律师函或警告函', en: 'Demand letter' },
  'police-report': { zh: '向公安机关报案', en: 'Report to the police' },
  'civil-suit': { zh: '民事诉讼', en: 'Civil suit' },
  'private-prosecution': { zh: '刑事自诉', en: 'Private prosecution' },
  'public-prosecution': { zh: '公诉', en: 'Public prosecution' },
  'criminal-report': { zh: '刑事报案', en: 'Report a crime' },
  'no-contact-order': { zh: '禁止接触', en: 'No-contact order' },
};

/**
 * The server's texts come as "中文 / English". This shows the half in the chosen language (the whole text when it
 * cannot be split safely): the split is at the first " / " that has Chinese before it and Latin text after it.
 */
export function half(text: string, lang: Lang): string {
  if (typeof text !== 'string') return String(text ?? '');
  const cjk = /[\u3400-\u9fff\uff00-\uffef]/;
  let at = text.indexOf(' / ');
  while (at > 0) {
    const left = text.slice(0, at);
    const right = text.slice(at + 3);
    if (cjk.test(left) && /^[A-Za-z0-9"'(\[]/.test(right)) return lang === 'zh' ? left : right;
    at = text.indexOf(' / ', at + 3);
  }
  return text;
}

export const PLATFORMS: Record<string, Texts> = {
  weibo: { zh: '微博', en: 'Weibo' },
  douyin: { zh: '抖音', en: 'Douyin' },
  xiaohongshu: { zh: '小红书', en: 'Xiaohongshu' },
  bilibili: { zh: '哔哩哔哩', en: 'Bilibili' },
  zhihu: { zh: '知乎', en: 'Zhihu' },
  douban: { zh: '豆瓣', en: 'Douban' },
  tieba: { zh: '百度贴吧', en: 'Baidu Tieba' },
  wechat: { zh: '微信公众号', en: 'WeChat' },
  x: { zh: 'X（推特）', en: 'X (Twitter)' },
  generic: { zh: '其他网站', en: 'Other website' },
};

/** Times are stored in UTC and shown in Beijing time. */
const TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : TIME.format(d);
}

/** Today in Beijing, YYYY-MM-DD. */
export const beijingDay = (d = new Date()) => TIME.format(d).slice(0, 10);

export function bytes(n: number | null | undefined): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '—';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** Days from today (Beijing) to a YYYY-MM-DD day; negative when it has passed. */
export function daysUntil(day: string): number | null {
  const a = Date.parse(`${beijingDay()}T00:00:00Z`);
  const b = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(b) ? null : Math.round((b - a) / 86_400_000);
}
