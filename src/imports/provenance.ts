/**
 * Where an imported file came from, as the user declares it (--carrier carrier.json, or the app's form): the device,
 * its system and app, the account shown, who exported it and when, and where the original is kept now. Courts look
 * at the original carrier (the phone) — these facts tell them which one. They are the user's statement, recorded as
 * such; the file system's own times are recorded too, labelled as not reliable.
 */
import { stat } from 'node:fs/promises';
import { GuzhengError } from '../errors.js';

export interface Carrier {
  device?: string;
  os?: string;
  app?: string;
  appVersion?: string;
  account?: string;
  exportedBy?: string;
  exportedAt?: string;
  originalKeptAt?: string;
  note?: string;
}

export const CARRIER_FIELDS: Record<keyof Carrier, { zh: string; en: string }> = {
  device: { zh: '设备品牌和型号', en: 'device make and model' },
  os: { zh: '操作系统及版本', en: 'operating system and version' },
  app: { zh: '应用', en: 'app' },
  appVersion: { zh: '应用版本', en: 'app version' },
  account: { zh: '显示的账号', en: 'account shown' },
  exportedBy: { zh: '导出人', en: 'exported by' },
  exportedAt: { zh: '导出时间', en: 'exported at' },
  originalKeptAt: { zh: '原始载体现在保存在哪里', en: 'where the original is kept now' },
  note: { zh: '备注', en: 'note' },
};

/** Checks a declared carrier: only the known fields, each a short text. */
export function parseCarrier(value: unknown): Carrier | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new GuzhengError('E_USAGE', '来源说明应为一个 JSON 对象，例如 {"device": "华为 Mate 60", "app": "微信"}', 'The carrier must be a JSON object, for example {"device": "Huawei Mate 60", "app": "WeChat"}');
  }
  const out: Carrier = {};
  for (const [k, v] of Object.entries(value)) {
    if (!(k in CARRIER_FIELDS)) {
      throw new GuzhengError('E_USAGE', `来源说明里有不认识的项“${k}”，可用的项：${Object.keys(CARRIER_FIELDS).join('、')}`, `Unknown carrier field "${k}"; the fields are: ${Object.keys(CARRIER_FIELDS).join(', ')}`);
    }
    if (v === '' || v === null || v === undefined) continue;
    if (typeof v !== 'string' || v.length > 500) throw new GuzhengError('E_USAGE', `来源说明的“${k}”应为不超过 500 字的文字`, `The carrier field "${k}" must be text of at most 500 characters`);
    out[k as keyof Carrier] = v.trim();
  }
  return Object.keys(out).length ? out : null;
}

export interface FileTimes {
  modified: string;
  changed: string;
  born: string | null;
  note: { zh: string; en: string };
}

export async function fileTimes(path: string): Promise<FileTimes> {
  const s = await stat(path);
  return {
    modified: s.mtime.toISOString(), changed: s.ctime.toISOString(), born: s.birthtimeMs > 0 ? s.birthtime.toISOString() : null,
    note: { zh: '文件系统的时间不可靠：复制、同步、解压都会改变它们', en: 'File system times are not reliable: copying, syncing and unzipping change them' },
  };
}
