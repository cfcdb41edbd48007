/** A name safe on every file system, keeping the original's letters (Chinese included) and its extension. */
export function safeName(name: string, fallback = 'file', max = 120): string {
  const cleaned = name.normalize('NFC').replace(/[\u0000-\u001f<>:"/\\|?*\u007f]/g, '_').replace(/^\.+/, '_').slice(-max);
  return cleaned || fallback;
}
