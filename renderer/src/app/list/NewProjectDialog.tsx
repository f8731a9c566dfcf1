// 新建项目表: a name (may be left for later); the table gets the unit-year's 表样 and 指标体系
// (its settings, changed in the list header); it opens at its first cell.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { errorText } from '../../api/client.ts';
import { Modal } from '../../ui/dialog.tsx';
import { useToast } from '../../ui/toast.tsx';
import type { Shell } from '../frame.ts';
import { setPendingFocus } from '../pending.ts';
import { SYSTEM_SHORT_LABELS } from '../../../../shared/settings/unit-year.ts';
import { useUnitYearSettings } from './SettingsBar.tsx';

export function NewProjectDialog({ shell, onClose }: { shell: Shell; onClose: () => void }): ReactNode {
  const toast = useToast();
  const [view] = useUnitYearSettings(shell);
  const tpl = view ? shell.templates.find((t) => t.id === view.settings.templateId) : undefined;
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const create = async () => {
    setBusy(true);
    try {
      const r = await shell.api.call('projects.create', { unitCode: shell.unit!.code, year: shell.year, name: name.trim() });
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
      confirm={{ label: '新建', disabled: busy || !view, onConfirm: () => void create() }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label className="block-label">
          项目名称（可稍后在表中填写）
          <input value={name} maxLength={300} onChange={(e) => setName(e.target.value)} data-autofocus />
        </label>
        <p className="tpl-setting" data-testid="new-table-settings">
          {view && tpl ? (
            <>
              表样 {tpl.id}　{tpl.source}：{tpl.name}（金额单位：{tpl.amountUnit}）；指标体系 {SYSTEM_SHORT_LABELS[view.settings.indicatorSystem]}
              <br />
              <span className="muted">按本单位 {shell.year} 年度设置新建；如需其他表样，请先在项目列表上方“修改设置”。</span>
            </>
          ) : (
            '正在读取单位年度设置……'
          )}
        </p>
        <button type="submit" hidden />
      </form>
    </Modal>
  );
}
