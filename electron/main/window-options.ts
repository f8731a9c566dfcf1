// BrowserWindow options. The webPreferences follow Electron's security checklist; a test
// asserts every item, and main.ts builds its windows only from these functions.
// Plain objects, structurally what electron's BrowserWindowConstructorOptions expects.

export interface SecureWebPreferences {
  preload?: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  safeDialogs: true;
  devTools: boolean;
  javascript: boolean;
  enableWebSQL: false;
  disableBlinkFeatures: string;
}

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export const MIN_WIDTH = 960;
export const MIN_HEIGHT = 600;
export const DEFAULT_BOUNDS: WindowBounds = { width: 1366, height: 860 };

/** Settings shared by every window; callers cannot weaken them (they are applied last). */
export function secureWebPreferences(opts: { preload?: string; devTools: boolean; javascript?: boolean }): SecureWebPreferences {
  const prefs: SecureWebPreferences = {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Spell checking would download dictionaries from the internet.
    spellcheck: false,
    safeDialogs: true,
    devTools: opts.devTools,
    javascript: opts.javascript ?? true,
    enableWebSQL: false,
    disableBlinkFeatures: 'Auxclick',
  };
  if (opts.preload !== undefined) prefs.preload = opts.preload;
  return prefs;
}

export function mainWindowOptions(opts: {
  preload: string;
  bounds: WindowBounds;
  devTools: boolean;
  title: string;
  icon?: string;
}) {
  return {
    ...opts.bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: opts.title,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: secureWebPreferences({ preload: opts.preload, devTools: opts.devTools }),
  };
}

/** The hidden window a print view is loaded into for printing / PDF: no preload, no script. */
export function printWindowOptions() {
  return {
    show: false,
    width: 794,
    height: 1123,
    webPreferences: secureWebPreferences({ devTools: false, javascript: false }),
  };
}
