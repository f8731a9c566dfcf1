import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../shared/model/file-name.ts';

describe('safeFileName', () => {
  it('prefixes every Windows reserved device name, in any case, with or without an extension', () => {
    const reserved = ['CON', 'PRN', 'AUX', 'NUL', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((i) => [`COM${i}`, `LPT${i}`])];
    for (const r of reserved) {
      expect(safeFileName(r)).toBe(`_${r}`);
      expect(safeFileName(r.toLowerCase(), '.docx')).toBe(`_${r.toLowerCase()}.docx`);
      expect(safeFileName(`${r}.txt`)).toBe(`_${r}.txt`);
      expect(safeFileName(`${r}.xlsx`, '.xlsx')).toBe(`_${r}.xlsx`);
    }
    expect(safeFileName('COM10')).toBe('COM10');
    expect(safeFileName('CONSOLE')).toBe('CONSOLE');
    expect(safeFileName('con 表')).toBe('con 表');
  });

  it('drops trailing and leading dots and spaces, also where they would precede the extension', () => {
    expect(safeFileName('表. . ', '.docx')).toBe('表.docx');
    expect(safeFileName(' .隐藏')).toBe('隐藏');
    expect(safeFileName('CON. ')).toBe('_CON');
    expect(safeFileName('AUX .', '.pdf')).toBe('_AUX.pdf');
  });

  it('replaces separators and characters Windows refuses, and falls back when nothing is left', () => {
    expect(safeFileName('a/b\\c:d*e?"<>|\u0000\u007f')).toBe('a_b_c_d_e_______');
    expect(safeFileName('<>', '.docx')).toBe('未命名.docx');
    expect(safeFileName('...', '', { fallback: '_' })).toBe('_');
  });

  it('cuts long names by characters, keeps an extension that is already there', () => {
    expect(safeFileName('项'.repeat(200), '.docx', { maxChars: 10 })).toBe(`${'项'.repeat(10)}.docx`);
    expect(safeFileName('表.DOCX', '.docx')).toBe('表.DOCX');
  });
});
