// The Chinese application menu, as a plain template (Menu.buildFromTemplate in main.ts).
// 导入 / 导出 / 打印 are sent to the page as menu commands; the page runs them with the
// open unit and table. Editing roles keep native behaviour in text boxes; on Windows and
// Linux their shortcuts are left to the page (registerAccelerator: false), which has its
// own undo for the table.
import type { MenuCommand } from '../preload/channels.ts';

export type MenuRole =
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'close'
  | 'quit'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'front';

export interface MenuItemSpec {
  label?: string;
  role?: MenuRole;
  type?: 'normal' | 'separator' | 'submenu';
  accelerator?: string;
  registerAccelerator?: boolean;
  submenu?: MenuItemSpec[];
  click?: () => void;
  id?: string;
}

export interface MenuActions {
  command(cmd: MenuCommand): void;
  openDataFolder(): void;
  showDataInfo(): void;
  showAbout(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Development build: 重新载入 and 开发者工具 are offered. */
  isDev: boolean;
  appName: string;
  actions: MenuActions;
}

const sep: MenuItemSpec = { type: 'separator' };

export function buildMenuTemplate({ platform, isDev, appName, actions }: MenuOptions): MenuItemSpec[] {
  const isMac = platform === 'darwin';
  const cmd = (id: MenuCommand, label: string, accelerator?: string): MenuItemSpec => ({
    id: `cmd:${id}`,
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.command(id),
  });
  const edit = (role: MenuRole, label: string, accelerator: string): MenuItemSpec => ({
    role,
    label,
    accelerator,
    registerAccelerator: isMac,
  });

  const file: MenuItemSpec = {
    label: '文件(&F)',
    submenu: [
      cmd('import', '导入…', 'CmdOrCtrl+O'),
      sep,
      cmd('export-docx', '导出 Word 文件…', 'CmdOrCtrl+E'),
      cmd('export-pdf', '导出 PDF…'),
      sep,
      cmd('print', '打印…', 'CmdOrCtrl+P'),
      sep,
      { id: 'data-folder', label: '打开数据文件夹', click: () => actions.openDataFolder() },
      sep,
      { role: isMac ? 'close' : 'quit', label: isMac ? '关闭窗口' : '退出', accelerator: isMac ? 'Cmd+W' : 'Ctrl+Q' },
    ],
  };
  const editMenu: MenuItemSpec = {
    label: '编辑(&E)',
    submenu: [
      edit('undo', '撤销', 'CmdOrCtrl+Z'),
      edit('redo', '重做', isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y'),
      sep,
      edit('cut', '剪切', 'CmdOrCtrl+X'),
      edit('copy', '复制', 'CmdOrCtrl+C'),
      edit('paste', '粘贴', 'CmdOrCtrl+V'),
      { role: 'delete', label: '删除' },
      sep,
      edit('selectAll', '全选', 'CmdOrCtrl+A'),
    ],
  };
  const view: MenuItemSpec = {
    label: '视图(&V)',
    submenu: [
      { role: 'zoomIn', label: '放大', accelerator: 'CmdOrCtrl+=' },
      { role: 'zoomOut', label: '缩小', accelerator: 'CmdOrCtrl+-' },
      { role: 'resetZoom', label: '实际大小', accelerator: 'CmdOrCtrl+0' },
      sep,
      { role: 'togglefullscreen', label: '全屏', accelerator: isMac ? 'Ctrl+Cmd+F' : 'F11' },
      ...(isDev
        ? [sep, { role: 'reload', label: '重新载入' } as MenuItemSpec, { role: 'toggleDevTools', label: '开发者工具' } as MenuItemSpec]
        : []),
    ],
  };
  const help: MenuItemSpec = {
    label: '帮助(&H)',
    submenu: [
      cmd('help', '使用说明', 'F1'),
      { id: 'data-info', label: '数据与备份位置…', click: () => actions.showDataInfo() },
      sep,
      { id: 'about', label: `关于 ${appName}`, click: () => actions.showAbout() },
    ],
  };
  const macApp: MenuItemSpec[] = isMac
    ? [
        {
          label: appName,
          submenu: [
            { id: 'about-mac', label: `关于 ${appName}`, click: () => actions.showAbout() },
            sep,
            { role: 'hide', label: `隐藏 ${appName}` },
            { role: 'hideOthers', label: '隐藏其他' },
            { role: 'unhide', label: '全部显示' },
            sep,
            { role: 'quit', label: `退出 ${appName}`, accelerator: 'Cmd+Q' },
          ],
        },
      ]
    : [];
  const strip = (items: MenuItemSpec[]): MenuItemSpec[] =>
    // macOS shows no mnemonics: drop the (&X) markers there.
    items.map((i) => ({
      ...i,
      ...(i.label && isMac ? { label: i.label.replace(/\(&\w\)$/, '') } : {}),
      ...(i.submenu ? { submenu: strip(i.submenu) } : {}),
    }));
  return strip([...macApp, file, editMenu, view, help]);
}
