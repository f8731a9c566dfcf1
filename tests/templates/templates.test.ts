import { describe, expect, it } from 'vitest';
import { TEMPLATES, checkTemplateShape, getTemplate, INDICATOR_SYSTEMS } from '../../shared/templates/index.ts';
import type { TemplateDef } from '../../shared/templates/index.ts';

describe('template definitions', () => {
  it('has the four published layouts', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(['A', 'B', 'C', 'D']);
    expect(getTemplate('Z')).toBeUndefined();
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))('layout %s covers its grid exactly', (_id, t) => {
    expect(checkTemplateShape(t)).toEqual([]);
  });

  it('every template names a known indicator system and declares its periods', () => {
    for (const t of TEMPLATES) {
      expect(INDICATOR_SYSTEMS[t.indicatorSystem]).toBeDefined();
      expect(t.periods.at(-1)).toBe('annual');
    }
  });

  it('detects a row that does not fill the grid (a broken fifth definition)', () => {
    const a = getTemplate('A')!;
    const broken: TemplateDef = {
      ...a,
      id: 'E',
      layout: { ...a.layout, blocks: [{ kind: 'rows', rows: [{ cells: [{ text: '项目名称' }, { field: 'name', span: 3 }] }] }] },
    };
    expect(checkTemplateShape(broken)).toEqual(['模板 E 第 1 块第 1 行覆盖 4 栏，表格为 7 栏']);
  });

  it('detects merged cells pushing a row past the grid', () => {
    const a = getTemplate('A')!;
    const broken: TemplateDef = {
      ...a,
      id: 'E',
      layout: {
        ...a.layout,
        blocks: [
          {
            kind: 'rows',
            rows: [
              { cells: [{ text: 'x', rowSpan: 2 }, { field: 'name', span: 6 }] },
              { cells: [{ field: 'name', span: 7 }] },
            ],
          },
        ],
      },
    };
    expect(checkTemplateShape(broken).length).toBeGreaterThan(0);
  });
});
