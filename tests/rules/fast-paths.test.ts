// The engine's fast paths (issue 16's benchmark) give exactly what the plain forms gave:
// squash without a regular expression, bigrams as numbers, R-COPIED-ROWS from the book's
// index of row signatures, finding keys without the path expression. Compared with
// reference versions written here the plain way, on the seed tables and on made-up texts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadSeedCorpus } from '../../tools/seed-corpus.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { stableIndicatorPath } from '../../shared/model/field-path.ts';
import { auditUnitYear, validateProject, type Finding } from '../../shared/rules/index.ts';
import { squash } from '../../shared/rules/catalogue/duplicates.ts';
import { bigramCodes, hasKeyBigram, sharesBigram } from '../../shared/rules/substance/common.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';

const corpus = loadSeedCorpus();

// The plain forms, as they were before the benchmark work.
const squashRef = (s: string): string => (/\s/.test(s) ? s.replace(/\s+/g, '') : s);
const isCjk = (c: number): boolean => c >= 0x4e00 && c <= 0x9fff;
function sharesRef(from: string, text: string, skip: ReadonlySet<string>): boolean {
  for (let i = 0; i + 1 < from.length; i++) {
    if (!isCjk(from.charCodeAt(i)) || !isCjk(from.charCodeAt(i + 1))) continue;
    const b = from.slice(i, i + 2);
    if (!skip.has(b) && text.includes(b)) return true;
  }
  return false;
}
function hasKeyRef(text: string, skip: ReadonlySet<string>): boolean {
  for (let i = 0; i + 1 < text.length; i++) {
    if (isCjk(text.charCodeAt(i)) && isCjk(text.charCodeAt(i + 1)) && !skip.has(text.slice(i, i + 2))) return true;
  }
  return false;
}

describe('squash', () => {
  it('removes exactly what \\s matches, for every UTF-16 code unit', () => {
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const s = `数${String.fromCharCode(c)}量`;
      if (squash(s) !== squashRef(s)) differ.push(c);
    }
    expect(differ).toEqual([]);
  });

  it('agrees on long and mixed texts (the loop gives way to the expression past 64 characters)', () => {
    const ws = fc.constantFrom(' ', '\t', '\n', '\u3000', '\u00a0', '\ufeff', '\u2028', '\u200b', 'x', '数', '量', '1');
    fc.assert(fc.property(fc.array(ws, { maxLength: 200 }).map((a) => a.join('')), (s) => squash(s) === squashRef(s)));
  });
});

describe('bigrams as numbers', () => {
  const generic = ['项目', '工作', '经费', 'ab', '项', '保障'];
  const skip = new Set(generic);
  const text = fc.array(fc.constantFrom('项', '目', '工', '作', '医', '疗', '保', '障', '\n', 'a', 'b', '1', '，'), { maxLength: 40 }).map((a) => a.join(''));

  it('hasKeyBigram and sharesBigram agree with the string forms', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), fc.array(text, { minLength: 1, maxLength: 3 }), (from, within) => {
        const codes = bigramCodes(generic);
        expect(hasKeyBigram(from, codes)).toBe(hasKeyRef(from.join('\n'), skip));
        expect(sharesBigram(from, within, codes)).toBe(sharesRef(from.join('\n'), within.join('\n'), skip));
      }),
      { numRuns: 2000 },
    );
  });

  it('agree on the seed tables (name + 资金用途 against the goals)', () => {
    const codes = bigramCodes(generic);
    for (const c of corpus) {
      for (const f of c.projects) {
        const goals = Object.values(f.periods).map((p) => p?.goal ?? '');
        expect(sharesBigram([f.name, f.fundUse], goals, codes)).toBe(sharesRef(`${f.name}\n${f.fundUse}`, goals.join('\n'), skip));
      }
    }
  });
});

describe('R-COPIED-ROWS from the book index', () => {
  const copied = (fs: Finding[]) => fs.filter((f) => f.code === 'R-COPIED-ROWS');

  it('finds what comparing each pair of tables finds, on every seed book and on a book of copies', () => {
    // A book of the seed tables twice over (the copies share every row) and each seed book.
    const seeds = corpus.flatMap((c) => c.projects);
    // Names and goals made different by a letter, so that no copy passes for another batch of the same project.
    const mark = (i: number) => String.fromCharCode(0x4e00 + 200 + i);
    const doubled: ProjectFiling[] = [...seeds.slice(0, 30), ...seeds.slice(0, 30)].map((p, i) => ({
      ...p,
      id: `d${i}`,
      seq: i + 1,
      name: `${p.name}${mark(i)}`,
      unitCode: 'U1',
      year: 2025,
      periods: Object.fromEntries(Object.entries(p.periods).map(([k, per]) => [k, per && { ...per, goal: `${per.goal}${mark(i)}` }])),
    }));
    let total = 0;
    let inDoubled = 0;
    for (const book of [...corpus.map((c) => c.projects), doubled]) {
      const tpl = getTemplate(book[0]!.templateId)!;
      const indexed = auditUnitYear(book, null, tpl);
      for (const p of book) {
        // No `book` in the context: the rule compares with each sibling in turn.
        const plain = validateProject(p, tpl, { context: { siblings: book.filter((x) => x !== p) } });
        expect(copied(indexed.byProject[p.id]!)).toEqual(copied(plain));
        total += copied(plain).length;
        if (book === doubled) inDoubled += copied(plain).length;
      }
    }
    // The copies are found, so the comparison means something.
    expect(inDoubled).toBeGreaterThanOrEqual(30);
    expect(total).toBeGreaterThan(inDoubled);
  });
});

describe('finding keys', () => {
  it('name each row by its id exactly as stableIndicatorPath does', () => {
    let rows = 0;
    for (const c of corpus) {
      const tpl = getTemplate(c.templateId)!;
      for (const p of c.projects) {
        for (const f of validateProject(p, tpl)) {
          const path = f.key.slice(f.key.indexOf('@') + 1);
          if (f.location.row === undefined || !f.location.field.startsWith('periods.') || path.includes(':')) continue;
          expect(path).toBe(stableIndicatorPath(p, f.location.field));
          rows++;
        }
      }
    }
    expect(rows).toBeGreaterThan(100);
  });
});
