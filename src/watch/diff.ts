/**
 * An edit kept as a diff: the text before and after, compared character by character (Chinese has no spaces to split
 * words on), as runs kept, removed and added, and one line a person reads: 保留[-删去的-]{+加上的+}.
 */
export interface TextDiff {
  ops: { op: '=' | '-' | '+'; text: string }[];
  /** The diff as one line: unchanged text, [-removed-] and {+added+}. */
  shown: string;
  removed: number;
  added: number;
}

/** Above this many cells the comparison is of the whole text: before removed, after added. */
const MAX_CELLS = 4_000_000;

export function diffText(before: string, after: string): TextDiff {
  const a = [...before];
  const b = [...after];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: TextDiff['ops'] = [];
  const push = (op: '=' | '-' | '+', text: string) => {
    if (!text) return;
    const last = ops.at(-1);
    if (last?.op === op) last.text += text;
    else ops.push({ op, text });
  };
  push('=', a.slice(0, start).join(''));
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  if (x.length * y.length > MAX_CELLS) {
    push('-', x.join(''));
    push('+', y.join(''));
  } else {
    // Longest common subsequence, then walked from the start.
    const w = y.length + 1;
    const lcs = new Uint32Array((x.length + 1) * w);
    for (let i = x.length - 1; i >= 0; i--) {
      for (let j = y.length - 1; j >= 0; j--) lcs[i * w + j] = x[i] === y[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      if (i < x.length && j < y.length && x[i] === y[j]) {
        push('=', x[i]!);
        i++;
        j++;
      } else if (i < x.length && (j >= y.length || lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) push('-', x[i++]!);
      else push('+', y[j++]!);
    }
  }
  push('=', a.slice(endA).join(''));
  const shown = ops.map((o) => (o.op === '=' ? o.text : o.op === '-' ? `[-${o.text}-]` : `{+${o.text}+}`)).join('');
  return { ops, shown, removed: ops.filter((o) => o.op === '-').reduce((n, o) => n + [...o.text].length, 0), added: ops.filter((o) => o.op === '+').reduce((n, o) => n + [...o.text].length, 0) };
}
