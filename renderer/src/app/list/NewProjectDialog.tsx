// 新建项目表: a name (may be left for later) and a template; the new table opens at its first cell.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { errorText } from '../../api/client.ts';
import { Modal } from '../../ui/dialog.tsx';
import { useToast } from '../../ui/toast.tsx';
import type { Shell } from '../frame.ts';
import { setPendingFocus } from '../pending.ts';

/** The template chosen last time, suggested when the book has no single template. */
const TEMPLATE_KEY = 'jxmb-template';

/** `bookTemplate`: the template every table of the book has, if they share one. */
export function NewProjectDialog({ shell, bookTemplate, onClose }: { shell: Shell; bookTemplate: string | undefined; onClose: () => void }): ReactNode {
  const toast = useToast();
  const [tpl, setTpl] = useState(() => bookTemplate ?? localStorage.getItem(TEMPLATE_KEY) ?? shell.templates[0]?.id ?? 'A');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const create = async () => {
    setBusy(true);
    try {
      const r = await shell.api.call('projects.create', { unitCode: shell.unit!.code, year: shell.year, templateId: tpl, name: name.trim() });
      localStorage.setItem(TEMPLATE_KEY, tpl);
      setPendingFocus(r.filing.id, '');
      shell.go({ view: 'project', id: r.filing.id });
    } catch (e) {
      toast(errorText(e), { kind: 'error' });
      setBusy(false);
    }
  };
  return (
    <Modal
      title="新建项目表"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="btn-primary" disabled={busy} onClick={() => void create()}>
            新建
          </button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.target as HTMLInputElement).type === 'radio') {
            e.preventDefault();
            void create();
          }
        }}
      >
        <label className="block-label">
          项目名称（可稍后在表中填写）
          <input value={name} maxLength={300} onChange={(e) => setName(e.target.value)} data-autofocus />
        </label>
        <fieldset className="tpl-choice">
          <legend>表样</legend>
          {shell.templates.map((t) => (
            <label key={t.id} className={tpl === t.id ? 'on' : ''}>
              <input type="radio" name="tpl" value={t.id} checked={tpl === t.id} onChange={() => setTpl(t.id)} />
              <span className="tpl-name">
                {t.id}　{t.name}
              </span>
              <span className="tpl-src">
                {t.source}；金额单位：{t.amountUnit}
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" hidden />
      </form>
    </Modal>
  );
}
