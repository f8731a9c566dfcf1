// electron-builder configuration (CommonJS: package.json is "type": "module").
// Packages: Windows NSIS installer (per user, no admin rights, Chinese) and portable .exe;
// Linux deb and AppImage for x64 and arm64 (统信 UOS, 麒麟 Kylin, Debian/Ubuntu).
// Before packing: the renderer (vite), the main/preload bundles (build/build-electron.ts)
// and the Electron-ABI SQLite addon for each target (build/build-native-electron.ts);
// see README.md (打包 · Packaging) for the exact commands.
'use strict';

const productName = '绩效目标填报';
const description = '县级预算单位绩效目标填报工具：按印制表格填写项目支出绩效目标表，审核、生成 Word 文件，全程离线。';

/** @type {import('app-builder-lib').Configuration} */
module.exports = {
  appId: 'cn.jxmb.jixiao-mubiao',
  productName,
  copyright: `Copyright © ${new Date().getFullYear()} ${productName}`,
  directories: { output: 'release/${version}', buildResources: 'build' },

  // package.json has no "main": the packed app starts the main bundle.
  extraMetadata: { main: 'dist/electron/main.cjs' },
  files: [
    'package.json',
    'dist/electron/main.cjs',
    'dist/electron/preload.cjs',
    'dist/electron/workers/*.cjs',
    'dist/renderer/**/*',
    // Demo data (示例 units): read at run time by electron/services/demo.ts from
    // <app root>/demo-data/, so it ships inside app.asar at that path. Nothing else of
    // the source tree is listed (tests/ and tools/ stay out of the package).
    'demo-data/seed-*.json',
    'build/icon.png',
    // Everything the main process needs is bundled into main.cjs except better-sqlite3;
    // the build tools among the production dependencies (tsx → esbuild) are not shipped.
    '!node_modules/{tsx,esbuild,@esbuild}{,/**/*}',
    '!node_modules/better-sqlite3/{deps,src,docs,benchmark}{,/**/*}',
    '!node_modules/better-sqlite3/build/Release/{obj,obj.target,.deps}{,/**/*}',
    '!node_modules/better-sqlite3/build/Release/test_extension.node',
    '!**/*.{md,map,ts,tsbuildinfo}',
  ],
  asar: true,
  // Native code cannot be loaded from inside an asar archive, nor a worker thread started.
  asarUnpack: ['node_modules/better-sqlite3/**/*', 'dist/electron/workers/**/*'],
  // The Electron-ABI build of better-sqlite3, made by build/build-native-electron.ts for
  // each target (out/native/<os>-<arch>/), becomes resources/native/better_sqlite3.node;
  // main.ts hands it to better-sqlite3 (nativeBinding). node_modules is never rebuilt in
  // place, so the tests on plain Node keep their own build.
  extraResources: [{ from: 'out/native/${os}-${arch}', to: 'native', filter: ['better_sqlite3.node'] }],
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  afterPack: './build/after-pack.cjs',
  electronLanguages: ['zh-CN', 'en-US'],
  // Offline tool: no update server, no publishing.
  publish: null,
  detectUpdateChannel: false,
  generateUpdatesFilesForAllChannels: false,

  // Electron fuses (flipped in the packed binary; see Electron's security checklist item 19).
  electronFuses: {
    runAsNode: false, // ELECTRON_RUN_AS_NODE cannot turn the app into a plain Node.js
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false, // NODE_OPTIONS / NODE_EXTRA_CA_CERTS ignored
    enableNodeCliInspectArguments: false, // --inspect and SIGUSR1 ignored
    enableEmbeddedAsarIntegrityValidation: true, // Windows and macOS; no effect on Linux
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false, // file:// is not used (app:// protocol)
  },

  win: {
    target: [
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ],
    icon: 'build/icon.png',
    requestedExecutionLevel: 'asInvoker',
    legalTrademarks: productName,
  },
  nsis: {
    oneClick: false,
    perMachine: false, // per-user install by default (%LOCALAPPDATA%\Programs), no administrator rights
    selectPerMachineByDefault: false,
    allowToChangeInstallationDirectory: true,
    installerLanguages: ['zh_CN'],
    language: '2052',
    multiLanguageInstaller: false,
    displayLanguageSelector: false,
    unicode: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: productName,
    menuCategory: false,
    uninstallDisplayName: `${productName} \${version}`,
    // Uninstalling never deletes an office's data.
    deleteAppDataOnUninstall: false,
    runAfterFinish: true,
    artifactName: '绩效目标填报-安装程序-${version}-${arch}.${ext}',
  },
  portable: {
    artifactName: '绩效目标填报-便携版-${version}-${arch}.${ext}',
    requestExecutionLevel: 'user',
    unicode: true,
  },

  linux: {
    target: [
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ],
    executableName: 'jixiao-mubiao',
    icon: 'build/icon.png',
    category: 'Office',
    synopsis: '县级预算单位绩效目标填报（离线）',
    description,
    maintainer: '绩效目标填报 <jxmb@localhost>',
    vendor: productName,
    desktop: {
      entry: {
        Name: productName,
        'Name[zh_CN]': productName,
        GenericName: '绩效目标填报',
        'GenericName[zh_CN]': '绩效目标填报',
        Comment: '填写、审核并打印项目支出绩效目标表',
        'Comment[zh_CN]': '填写、审核并打印项目支出绩效目标表',
        Categories: 'Office;Finance;',
        Keywords: '绩效;绩效目标;预算;填报;jixiao;',
      },
    },
  },
  deb: {
    packageName: 'jixiao-mubiao',
    packageCategory: 'office',
    priority: 'optional',
    // Electron 39's libraries; `a | b` covers the t64 renames of Debian 13 / Ubuntu 24.04.
    depends: [
      'libgtk-3-0 | libgtk-3-0t64',
      'libnotify4',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0 | libatspi2.0-0t64',
      'libuuid1',
      'libsecret-1-0',
      'libgbm1',
      'libasound2 | libasound2t64',
      'libdrm2',
      'libxkbcommon0',
    ],
    // Chinese fonts for the editor and printing (UOS and Kylin ship their own).
    recommends: ['fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei'],
  },
  appImage: {
    artifactName: '绩效目标填报-${version}-${arch}.${ext}',
    category: 'Office',
  },
};
